import {
  ANY,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  AppendResult,
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

const PREPARE_BITS = 64n;
const PREPARE_MASK = (1n << PREPARE_BITS) - 1n;

/**
 * The port's position for an EventStoreDB position: (commit, prepare) as one number, commit · 2⁶⁴ + prepare. Events
 * of one multi-event append share a commit position and differ in their prepare position, so the commit position
 * alone would give them one position — and resuming "after" a checkpoint inside such an append would skip the rest.
 */
export const encodePosition = (p: { commit: bigint; prepare: bigint }): bigint => (p.commit << PREPARE_BITS) | (p.prepare & PREPARE_MASK);
export const decodePosition = (position: bigint): { commit: bigint; prepare: bigint } => ({ commit: position >> PREPARE_BITS, prepare: position & PREPARE_MASK });

/** An event of a stream read: no position — EventStoreDB gives real positions only on `$all` reads. */
function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const e = resolved.event;
  if (!e || !e.isJson) return null;
  return { id: e.id, streamId: e.streamId, revision: Number(e.revision), type: e.type, data: e.data, metadata: e.metadata as unknown as StoredEvent['metadata'] };
}

/** An event of `$all` (readAll, subscriptions), with its (commit, prepare) position. */
function toStored(resolved: AllStreamResolvedEvent): StoredEvent | null {
  const recorded = toRecordedEvent(resolved);
  const position = resolved.event?.position;
  if (!recorded || !position) return null;
  return { ...recorded, position: encodePosition(position) };
}

function inRange(e: RecordedEvent, options: ReadStreamOptions): boolean {
  if (options.occurredUntil && Date.parse(e.metadata.occurredAt) > options.occurredUntil.getTime()) return false;
  if (options.recordedUntil && Date.parse(e.metadata.recordedAt) > options.recordedUntil.getTime()) return false;
  return true;
}

/**
 * The production event store: EventStoreDB / KurrentDB through `@eventstore/db-client`. Deliberately thin — the
 * server already has expected-version checks, idempotent appends by event id, $all ordering and catch-up
 * subscriptions; this maps them onto the port and nothing more.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb';
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Subscription>();

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const expectedRevision = expected === 'no_stream' ? NO_STREAM : expected === 'any' ? ANY : BigInt(expected);
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as never, metadata: e.metadata as never })),
        { expectedRevision },
      );
      const written = result.position ? encodePosition(result.position) : 0n;
      return { nextExpectedRevision: Number(result.nextExpectedRevision), position: events.length > 1 ? await this.positionOf(events[events.length - 1].id, written) : written };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      throw error;
    }
  }

  /**
   * The `$all` position of an event just appended (the last of a multi-event append, whose own prepare position the
   * write result does not give): looked up among the newest events, else the write's position.
   */
  private async positionOf(eventId: string, fallback: bigint): Promise<bigint> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: 'backwards', maxCount: 1000 })) {
      if (resolved.event?.id === eventId && resolved.event.position) return encodePosition(resolved.event.position);
    }
    return fallback;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: START, direction: 'forwards' })) {
        const e = toRecordedEvent(resolved);
        if (!e) continue;
        if (options.toRevision !== undefined && e.revision > options.toRevision) break;
        if (inRange(e, options)) out.push(e);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readAll({ after, limit }: ReadAllOptions): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    const fromPosition = after === null ? START : decodePosition(after);
    for await (const resolved of this.client.readAll({ fromPosition, direction: 'forwards', maxCount: limit + 1 })) {
      const e = toStored(resolved);
      if (!e || e.streamId.startsWith('$')) continue;
      // readAll from a position includes the event at that position; the port's `after` is exclusive.
      if (after !== null && e.position <= after) continue;
      out.push(e);
      if (out.length >= limit) break;
    }
    return out;
  }

  async headPosition(): Promise<bigint | null> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: 'backwards', maxCount: 20 })) {
      const e = toStored(resolved);
      if (e && !e.streamId.startsWith('$')) return e.position;
    }
    return null;
  }

  subscribeToAll({ after, handler, onError }: SubscribeOptions): Subscription {
    const source = this.client.subscribeToAll({
      fromPosition: after === null ? START : decodePosition(after),
      filter: excludeSystemEvents(),
    });
    let stopped = false;
    const running = (async () => {
      // for-await gives backpressure: the next event is not taken until the handler is done.
      for await (const resolved of source) {
        if (stopped) break;
        const e = toStored(resolved);
        // The port's `after` is exclusive: never hand the checkpointed event over again, whatever the server does.
        if (e && (after === null || e.position > after)) await handler([e]);
      }
    })().catch((error) => {
      if (!stopped) onError?.(error);
    });
    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        await source.unsubscribe();
        await running;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }
}
