import { Kysely, sql } from 'kysely';
import type { StoredEvent } from '@qf/event-store';
import { chunks, type Projection } from '@qf/projections';
import {
  DeadlineEscalated,
  HEADERS,
  INBOUND_STREAM_PREFIX,
  InboundMessageDeadLettered,
  OrderReplied,
  OutboundMessage,
  TOPICS,
  Topic,
  type DomainEventMessage,
  type EscalationMessage,
  type HotlineReplyMessage,
  withoutClueContents,
} from '@qf/contracts';
import { REMOVED, withoutSealedData } from './personal-data';

export const OUTBOX_TABLE = 'integration_outbox';

/** A message in the outbox: its publishing position and when it was put there (the event's record time). */
export interface OutboxItem extends OutboundMessage {
  position: number;
  publishedAt: string;
}

/**
 * Streams that are bookkeeping rather than domain history (id sequences, the audit of identity reads, consumed
 * integration messages) are not published on `qingfeng.events.v1`; a clue's contents are confidential (SPEC §8: never
 * visible outside the discipline office), so clue events go out with their type and ids only.
 */
const UNPUBLISHED_STREAMS = /^(seq-|sequence-|audit-|inbound-)/;
const CONFIDENTIAL_STREAMS = /^clue-/;
function domainEventMessage(e: StoredEvent): DomainEventMessage {
  // A referral's reason and subjects are the clue's contents, not the source case's (withoutClueContents).
  const data = CONFIDENTIAL_STREAMS.test(e.streamId) ? { confidential: true } : withoutClueContents(e.type, withoutSealedData(e.data));
  return {
    id: e.id,
    streamId: e.streamId,
    revision: e.revision,
    type: e.type,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    correlationId: e.metadata.correlationId,
    causationId: e.metadata.causationId,
    actor: { sub: e.metadata.actor.sub, unitId: e.metadata.actor.unitId, roles: e.metadata.actor.roles },
    data,
  };
}

/** A message as the outbox keeps it: `id` (`<event id>/<topic>`) is its row's identity, whatever its headers say. */
export interface OutboxMessage extends OutboundMessage {
  id: string;
}

/** The §9 messages one event becomes, in publishing order. */
export function messagesOf(e: StoredEvent): OutboxMessage[] {
  const out: OutboxMessage[] = [];
  const id = (topic: string) => `${e.id}/${topic}`;
  const headers = (topic: Topic, extra: Record<string, string> = {}) => ({ [HEADERS.messageId]: id(topic), [HEADERS.eventId]: e.id, [HEADERS.eventType]: e.type, ...extra });
  if (!UNPUBLISHED_STREAMS.test(e.streamId)) {
    out.push({ id: id(TOPICS.events), topic: TOPICS.events, key: e.streamId, value: domainEventMessage(e), headers: headers(TOPICS.events) });
  }
  if (e.type === 'OrderReplied') {
    const d = (e as unknown as OrderReplied).data;
    const value: HotlineReplyMessage = { orderNo: d.orderNo, unitId: d.unitId, outcome: d.outcome, reply: d.reply, repliedAt: e.metadata.occurredAt };
    out.push({ id: id(TOPICS.hotlineReplies), topic: TOPICS.hotlineReplies, key: d.orderNo, value, headers: headers(TOPICS.hotlineReplies) });
  }
  if (e.type === 'DeadlineEscalated') {
    const d = (e as unknown as DeadlineEscalated).data;
    const value: EscalationMessage = {
      escalationId: d.escalationId,
      level: d.level,
      caseKind: d.caseKind,
      caseId: d.caseId,
      unitId: d.unitId,
      targetUnitId: d.targetUnitId,
      targetRole: d.targetRole,
      dueAt: d.dueAt,
      escalatedAt: e.metadata.occurredAt,
    };
    out.push({ id: id(TOPICS.escalations), topic: TOPICS.escalations, key: d.caseId, value, headers: headers(TOPICS.escalations) });
  }
  if (e.type === 'InboundMessageDeadLettered' && e.streamId.startsWith(INBOUND_STREAM_PREFIX)) {
    const d = (e as unknown as InboundMessageDeadLettered).data;
    // The rejected message's own headers go back with it: its x-message-id is how the centre matches the rejection,
    // and it is unique on the DLQ, as a message id is dead-lettered once. An id that redaction cut into is neither
    // (two ids may read alike after it), so then — as without an id — the DLQ message carries its outbox id.
    const { [HEADERS.messageId]: original, ...own } = d.headers;
    const messageId = original && !original.includes(REMOVED) ? original : id(d.dlqTopic);
    out.push({
      id: id(d.dlqTopic),
      topic: d.dlqTopic as Topic,
      key: d.key,
      value: d.value,
      headers: { [HEADERS.messageId]: messageId, ...own, [HEADERS.errorCode]: d.code, [HEADERS.errorMessage]: d.message, [HEADERS.eventId]: e.id },
    });
  }
  return out;
}

/** The outbox table: one row per message, numbered in publishing order; `message_id` makes every insert idempotent. */
export async function migrateOutbox(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable(OUTBOX_TABLE)
    .ifNotExists()
    .addColumn('position', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('key', 'text')
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex(`${OUTBOX_TABLE}_topic_position_idx`).ifNotExists().on(OUTBOX_TABLE).columns(['topic', 'position']).execute();
}

/**
 * Appends messages to the outbox (inside the caller's transaction); a message already there is left as it is. A
 * message's row id is its `id`, or its `x-message-id` when it comes without one (what the in-process bus publishes).
 */
export async function insertOutbox(trx: Kysely<any>, messages: Array<OutboundMessage & { id?: string; publishedAt: string }>): Promise<void> {
  const rows = messages.map((m) => ({
    message_id: m.id ?? m.headers[HEADERS.messageId],
    topic: m.topic,
    key: m.key,
    value: JSON.stringify(m.value),
    headers: JSON.stringify(m.headers),
    published_at: m.publishedAt,
  }));
  // In order, so positions follow the events' order; multi-row statements sized for both drivers' parameter limits.
  for (const part of chunks(rows, 1000)) {
    await trx.insertInto(OUTBOX_TABLE).values(part).onConflict((oc) => oc.column('message_id').doNothing()).execute();
  }
}

export async function readOutbox(db: Kysely<any>, query: { topic?: string; after?: number; limit: number }): Promise<OutboxItem[]> {
  let q = db.selectFrom(OUTBOX_TABLE).selectAll().where('position', '>', query.after ?? 0);
  if (query.topic) q = q.where('topic', '=', query.topic);
  const rows = await q.orderBy('position').limit(query.limit).execute();
  return rows.map((r) => ({
    position: Number(r.position),
    topic: r.topic as Topic,
    key: (r.key as string | null) ?? null,
    value: JSON.parse(r.value as string),
    headers: JSON.parse(r.headers as string),
    publishedAt: r.published_at as string,
  }));
}

/**
 * The outbox (SPEC §9) as a projection: each batch of events becomes its messages in the same transaction that moves
 * the checkpoint, so a crash between an append and its message loses nothing and a restart adds nothing twice. It is
 * never emptied: a rebuild or a version change replays the events over it, and the message ids keep every message
 * once, at its first position — what was published stays published.
 */
export function outboxProjection(dialect: 'sqlite' | 'postgres'): Projection {
  return {
    name: 'integration-outbox',
    version: 1,
    migrate: (db) => migrateOutbox(db, dialect),
    reset: async () => undefined,
    async apply(trx, events) {
      const messages = events.flatMap((e) => messagesOf(e).map((m) => ({ ...m, publishedAt: e.metadata.recordedAt })));
      await insertOutbox(trx, messages);
    },
  };
}

/** The last position of the outbox (0 when empty). */
export async function outboxHead(db: Kysely<any>): Promise<number> {
  const row = await db.selectFrom(OUTBOX_TABLE).select(sql<number>`max(position)`.as('head')).executeTakeFirst();
  return Number(row?.head ?? 0);
}
