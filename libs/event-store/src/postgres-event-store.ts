import { EventEmitter } from 'node:events';
import { catchUpSubscription } from './catch-up-subscription';
import { Client, Pool, type PoolClient } from 'pg';
import {
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoredEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store.port';

interface Row {
  position: string;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
}

export interface PostgresEventStoreOptions {
  /** The schema the events live in (default `eventstore`); one per deployment or test run. */
  schema?: string;
  /** Connections for appends and reads (default 10). */
  poolSize?: number;
  /** Test only: hold each append transaction open this long after numbering its events (a slow commit). */
  testHoldMs?: number;
  /**
   * Test only: append without the append lock — the unsafe design, so the concurrent-writers test can show that it
   * catches the gap the lock prevents.
   */
  unsafeNoAppendLock?: boolean;
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
/** pg_advisory_xact_lock key of the append lock (per schema: hashed with the schema name in SQL). */
const APPEND_LOCK = 7_411_017;
/** Safety net under LISTEN/NOTIFY: a subscriber that missed a notification (a dropped connection) still catches up. */
const SAFETY_POLL_MS = 5000;

const toRecorded = (row: Row): RecordedEvent => ({
  id: row.event_id,
  streamId: row.stream_id,
  revision: Number(row.revision),
  type: row.type,
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata),
});
const toStored = (row: Row): StoredEvent => ({ ...toRecorded(row), position: BigInt(row.position) });

/**
 * The event store on PostgreSQL (`EVENTSTORE_URL=postgres://…`), so that any number of processes can share one
 * store and the production topology runs where PostgreSQL runs.
 *
 * **No gaps for subscribers.** Positions come from a sequence, and a subscriber reads `position > checkpoint`. Two
 * transactions that take numbers and commit in the other order would let a subscriber pass a number that commits
 * later — and skip that event for ever. Every append therefore takes a transaction-scoped advisory lock before it
 * numbers its events and holds it until commit: numbers are handed out in commit order, so the committed positions
 * are always a gap-free prefix of what will ever commit (an aborted append leaves a hole that is never filled, which
 * is harmless). Within a process, concurrent appends are group-committed: one transaction, one lock, one fsync, each
 * append in its own savepoint so a conflict fails only itself. See docs/decisions.md for the alternative weighed
 * (transaction-id visibility) and why the lock was chosen.
 *
 * **Live without busy polling.** Each commit sends `NOTIFY` on the schema's channel; subscribers `LISTEN` on a
 * connection of their own and read when told, with a slow safety poll underneath.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres';
  private readonly pool: Pool;
  private readonly schema: string;
  private readonly channel: string;
  private readonly queue: PendingAppend[] = [];
  private flushing = false;
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<Subscription>();
  private listener?: Client;
  private listening?: Promise<void>;
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.schema = options.schema ?? 'eventstore';
    if (!SCHEMA_PATTERN.test(this.schema)) throw new Error(`invalid event store schema name ${this.schema}`);
    this.channel = `${this.schema}_appended`;
    this.pool = new Pool({ connectionString: url, max: options.poolSize ?? 10, options: `-c search_path=${this.schema}` });
    this.appended.setMaxListeners(0);
  }

  /** Connects, creating the schema and table on first use (serialised across processes by an advisory lock). */
  static async open(url: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(url, options);
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query('begin');
      await admin.query('select pg_advisory_xact_lock($1)', [APPEND_LOCK + 1]);
      await admin.query(`create schema if not exists ${store.schema}`);
      await admin.query(`
        create table if not exists ${store.schema}.events (
          position bigserial primary key,
          stream_id text not null,
          revision integer not null,
          event_id uuid not null unique,
          type text not null,
          data text not null,
          metadata text not null,
          occurred_at_ms bigint not null,
          recorded_at_ms bigint not null,
          unique (stream_id, revision)
        )`);
      await admin.query('commit');
    } catch (error) {
      await admin.query('rollback').catch(() => undefined);
      await store.pool.end();
      throw error;
    } finally {
      await admin.end();
    }
    return store;
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    if (events.length === 0) return Promise.reject(new Error('nothing to append'));
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Writes every queued append in one transaction under the append lock; appends queued meanwhile go next. */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0);
        const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
        const client = await this.pool.connect();
        try {
          await client.query('begin');
          if (!this.options.unsafeNoAppendLock) await client.query('select pg_advisory_xact_lock(hashtext($1), $2)', [this.schema, APPEND_LOCK]);
          for (const append of batch) outcomes.push(await this.inSavepoint(client, append));
          if (this.options.testHoldMs) await new Promise((r) => setTimeout(r, this.options.testHoldMs));
          // Delivered to listeners when (and only if) the transaction commits.
          await client.query('select pg_notify($1, $2)', [this.channel, '']);
          await client.query('commit');
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          for (const a of batch) a.reject(error);
          continue;
        } finally {
          client.release();
        }
        batch.forEach((a, i) => {
          const outcome = outcomes[i];
          if (outcome.ok) a.resolve(outcome.result);
          else a.reject(outcome.error);
        });
        this.appended.emit('appended');
      }
    } finally {
      this.flushing = false;
    }
  }

  private async inSavepoint(client: PoolClient, append: PendingAppend): Promise<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> {
    await client.query('savepoint one_append');
    try {
      const result = await this.appendOne(client, append);
      await client.query('release savepoint one_append');
      return { ok: true, result };
    } catch (error) {
      await client.query('rollback to savepoint one_append');
      return { ok: false, error };
    }
  }

  private async appendOne(client: PoolClient, { streamId, events, expected }: PendingAppend): Promise<AppendResult> {
    const existing = await client.query<{ stream_id: string; revision: number; position: string }>('select stream_id, revision, position from events where event_id = $1', [events[0].id]);
    if (existing.rowCount) return this.retriedAppend(client, streamId, events);
    const head = await client.query<{ revision: number | null }>('select max(revision) as revision from events where stream_id = $1', [streamId]);
    const current = head.rows[0]?.revision ?? null;
    const headRevision = current === null ? -1 : Number(current);
    const actual = headRevision < 0 ? 'no_stream' : headRevision;
    if (expected === 'no_stream' ? headRevision >= 0 : expected !== 'any' && expected !== headRevision) {
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    const values: unknown[] = [];
    const tuples = events.map((e, i) => {
      const base = i * 8;
      values.push(streamId, headRevision + 1 + i, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), Date.parse(e.metadata.occurredAt), Date.parse(e.metadata.recordedAt));
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7}, $${base + 8})`;
    });
    try {
      const inserted = await client.query<{ position: string }>(
        `insert into events (stream_id, revision, event_id, type, data, metadata, occurred_at_ms, recorded_at_ms) values ${tuples.join(', ')} returning position`,
        values,
      );
      const positions = inserted.rows.map((r) => BigInt(r.position));
      return { nextExpectedRevision: headRevision + events.length, position: positions.reduce((a, b) => (b > a ? b : a)) };
    } catch (error) {
      const pgError = error as { code?: string; constraint?: string };
      if (pgError.code === '23505') {
        // Only reachable without the append lock (two writers on one stream): a concurrency conflict, or an id reused.
        if (pgError.constraint?.includes('event_id')) throw new DuplicateEventIdError(events[0].id);
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      throw error;
    }
  }

  /** Same ids again: a retry of an append that went through (answer as then), or a misuse (error). */
  private async retriedAppend(client: PoolClient, streamId: string, events: NewEvent[]): Promise<AppendResult> {
    const found = await client.query<{ event_id: string; stream_id: string; revision: number; position: string }>(
      'select event_id, stream_id, revision, position from events where event_id = any($1::uuid[])',
      [events.map((e) => e.id)],
    );
    const byId = new Map(found.rows.map((r) => [r.event_id, r]));
    const rows = events.map((e) => byId.get(e.id));
    const first = rows[0]!;
    const consecutive = rows.every((r, i) => r && r.stream_id === streamId && Number(r.revision) === Number(first.revision) + i);
    if (!consecutive) throw new DuplicateEventIdError(events[0].id);
    const last = rows[rows.length - 1]!;
    return { nextExpectedRevision: Number(last.revision), position: BigInt(last.position) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    let sql = 'select * from events where stream_id = $1';
    const params: unknown[] = [streamId];
    if (options.toRevision !== undefined) {
      params.push(options.toRevision);
      sql += ` and revision <= $${params.length}`;
    }
    if (options.occurredUntil) {
      params.push(options.occurredUntil.getTime());
      sql += ` and occurred_at_ms <= $${params.length}`;
    }
    if (options.recordedUntil) {
      params.push(options.recordedUntil.getTime());
      sql += ` and recorded_at_ms <= $${params.length}`;
    }
    const result = await this.pool.query<Row>(`${sql} order by revision`, params);
    return result.rows.map(toRecorded);
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<StoredEvent[]> {
    const result = await this.pool.query<Row>('select * from events where position > $1 order by position limit $2', [(after ?? 0n).toString(), limit]);
    return result.rows.map(toStored);
  }

  async headPosition(): Promise<bigint | null> {
    const result = await this.pool.query<{ p: string | null }>('select max(position) as p from events');
    const p = result.rows[0]?.p;
    return p == null ? null : BigInt(p);
  }

  /** One LISTEN connection per store, shared by its subscriptions; reconnects after a drop. */
  private listen(): Promise<void> {
    if (!this.listening) {
      this.listening = (async () => {
        const client = new Client({ connectionString: this.url });
        client.on('notification', () => this.appended.emit('appended'));
        client.on('error', () => {
          // The safety poll covers the gap; the next subscription reconnects.
          this.listener = undefined;
          this.listening = undefined;
        });
        await client.connect();
        await client.query(`listen ${this.channel}`);
        this.listener = client;
      })().catch((error) => {
        this.listening = undefined;
        throw error;
      });
    }
    return this.listening;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    // Woken by NOTIFY from any process; the safety poll covers a dropped LISTEN connection until it is back.
    return catchUpSubscription(
      { readAll: (o) => this.readAll(o), appended: this.appended, pollMs: SAFETY_POLL_MS, beforeRead: () => (this.listener ? Promise.resolve() : this.listen()) },
      options,
      this.subscriptions,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    while (this.queue.length || this.flushing) await new Promise((r) => setTimeout(r, 5));
    this.closed = true;
    await this.listening?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /** Drops the schema with every event in it (tests). */
  static async dropSchema(url: string, schema: string): Promise<void> {
    if (!SCHEMA_PATTERN.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await admin.end();
    }
  }
}
