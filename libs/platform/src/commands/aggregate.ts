import { v5 as uuidv5 } from 'uuid';
import { EventStore, NewEvent, RecordedEvent, WrongExpectedRevisionError } from '@qf/event-store';
import { DomainError, fold, formatShanghai, type Aggregate, type CommandContext, type Decision, type DomainEvent } from '@qf/kernel';
export { decision, fold, toRecorded, type Aggregate, type Decision, type DomainEvent, type Recorded } from '@qf/kernel';

export interface Loaded<S> {
  state: S;
  /** Revision of the stream's last event; -1 when the stream does not exist. */
  version: number;
  events: RecordedEvent[];
}

const EVENT_ID_NAMESPACE = '6f1f4f3e-2a7b-4c55-9d0e-2f6a8c1b9e11';

/** The id of the i-th event a command appends to a stream: the same for every retry of that command. */
export const eventIdFor = (commandId: string, streamId: string, i: number) => uuidv5(`${commandId}:${streamId}:${i}`, EVENT_ID_NAMESPACE);

export async function load<S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  aggregate: Aggregate<S, E>,
  options?: { occurredUntil?: Date; recordedUntil?: Date },
): Promise<Loaded<S>> {
  const events = await store.readStream(streamId, options);
  return { state: fold(aggregate, events), version: events.length ? events[events.length - 1].revision : -1, events };
}

export interface Executed<S> extends Loaded<S> {
  /** Global position of the last appended event, null when the command appended nothing (a replay). */
  position: bigint | null;
  appended: NewEvent[];
  /** True when this command had already been applied (same command id) and nothing new was appended. */
  replayed: boolean;
}

/** How often `execute` retries a lost race without If-Match, and how long it pauses (at random, up to) in between. */
export interface Contention {
  attempts: number;
  pauseMs?: (attempt: number) => number;
}

/** A case's stream: two people rarely act on one case at the same instant, so a few immediate retries do. */
export const CASE_CONTENTION: Contention = { attempts: 5 };

/**
 * Runs one command against one stream: load, decide, append with optimistic concurrency. Without If-Match a lost
 * race is retried on the fresh state; with If-Match the caller's version must hold (409 otherwise). Event ids are
 * derived from the command id, so a retried command whose events are already stored is recognised and appends nothing.
 */
export async function execute<S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  aggregate: Aggregate<S, E>,
  ctx: CommandContext,
  decide: (state: S, version: number) => Decision<E>,
  contention: Contention = CASE_CONTENTION,
): Promise<Executed<S>> {
  const firstId = eventIdFor(ctx.commandId, streamId, 0);
  for (let attempt = 0; ; attempt++) {
    const loaded = await load(store, streamId, aggregate);
    if (loaded.events.some((e) => e.id === firstId)) return { ...loaded, position: null, appended: [], replayed: true };
    if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== loaded.version) {
      // A case that does not exist is not found, whatever version the caller expected: the decision says so (404).
      if (loaded.version < 0) decide(loaded.state, loaded.version);
      throw new DomainError('CONCURRENCY_CONFLICT', `the case is at version ${loaded.version}, not ${ctx.expectedVersion}`);
    }
    const decision = decide(loaded.state, loaded.version);
    if (decision.events.length === 0) return { ...loaded, position: null, appended: [], replayed: false };
    const recordedAt = formatShanghai(ctx.now);
    const occurredAt = formatShanghai(decision.occurredAt ?? ctx.now);
    const newEvents: NewEvent[] = decision.events.map((e, i) => ({
      id: eventIdFor(ctx.commandId, streamId, i),
      type: e.type,
      data: e.data,
      metadata: {
        occurredAt,
        recordedAt,
        actor: { sub: ctx.actor.sub, unitId: ctx.actor.unitId, roles: ctx.actor.roles },
        correlationId: ctx.correlationId,
        causationId: ctx.causationId,
      },
    }));
    try {
      const result = await store.append(streamId, newEvents, loaded.version < 0 ? 'no_stream' : loaded.version);
      const state = newEvents.reduce((s, e) => aggregate.evolve(s, { ...(e as unknown as E), occurredAt, recordedAt }), loaded.state);
      return { state, version: result.nextExpectedRevision, events: loaded.events, position: result.position, appended: newEvents, replayed: false };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (ctx.expectedVersion !== undefined || attempt + 1 >= contention.attempts) {
        throw new DomainError('CONCURRENCY_CONFLICT', 'the case changed underneath; reload and retry');
      }
      if (contention.pauseMs) await new Promise((resolve) => setTimeout(resolve, Math.random() * contention.pauseMs!(attempt)));
    }
  }
}
