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
  StoredEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store.port';

function toStored(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | null {
  const e = resolved.event;
  if (!e || !e.isJson) return null;
  return {
    id: e.id,
    streamId: e.streamId,
    revision: Number(e.revision),
    // The commit position orders $all; appends of one event each have distinct ones.
    position: e.position?.commit ?? resolved.commitPosition ?? 0n,
    type: e.type,
    data: e.data,
    metadata: e.metadata as unknown as StoredEvent['metadata'],
  };
}

function inRange(e: StoredEvent, options: ReadStreamOptions): boolean {
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
      return { nextExpectedRevision: Number(result.nextExpectedRevision), position: result.position?.commit ?? 0n };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: START, direction: 'forwards' })) {
        const e = toStored(resolved);
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
    const fromPosition = after === null ? START : { commit: after, prepare: after };
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
      fromPosition: after === null ? START : { commit: after, prepare: after },
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
