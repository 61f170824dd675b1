/**
 * The event store port. Every case, the units directory and every published report live as streams of
 * events behind this interface; the embedded default is SQLite, production is PostgreSQL or EventStoreDB /
 * KurrentDB. Every adapter passes the same contract suite (`event-store.contract.ts`).
 */

/** Who caused an event (from the JWT of the request, or `system` for timers and consumers). */
export interface EventActor {
  sub: string;
  unitId: string | null;
  roles: string[];
}

export interface EventMetadata {
  /** Business time (ISO 8601 with offset): when it happened in the world. */
  occurredAt: string;
  /** When the system learned of it (ISO 8601), taken from the application clock. */
  recordedAt: string;
  actor: EventActor;
  correlationId: string;
  causationId: string | null;
}

/** An event to append. `id` is a UUID chosen by the caller and deterministic for a command, so a retried append is not stored twice. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  id: string;
  type: TType;
  data: TData;
  metadata: EventMetadata;
}

/** An event as a stream read gives it: no global position (EventStoreDB has none there — only `$all` reads carry one). */
export interface RecordedEvent<TType extends string = string, TData = unknown> extends NewEvent<TType, TData> {
  streamId: string;
  /** 0-based position of the event in its stream. */
  revision: number;
}

/**
 * An event as the global log gives it (`readAll`, subscriptions), with its position in the order of all streams:
 * strictly increasing, distinct for every event — also within one multi-event append (EventStoreDB's commit and
 * prepare positions, encoded as one number: commit · 2⁶⁴ + prepare).
 */
export interface StoredEvent<TType extends string = string, TData = unknown> extends RecordedEvent<TType, TData> {
  position: bigint;
}

/** What the stream must look like for an append to go through. A number is the revision of the stream's last event. */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event of the stream after the append (the stream's `version`). */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  position: bigint;
}

export interface ReadStreamOptions {
  /** Only events with revision <= this. */
  toRevision?: number;
  /** Only events whose metadata.occurredAt <= this instant. */
  occurredUntil?: Date;
  /** Only events whose metadata.recordedAt <= this instant. */
  recordedUntil?: Date;
}

export interface ReadAllOptions {
  /** Exclusive: events with position > after. null = from the beginning. */
  after: bigint | null;
  limit: number;
}

export interface SubscribeOptions {
  /** Exclusive start position; null = from the beginning. */
  after: bigint | null;
  /** Called with events in global order; the next batch is not delivered until the promise settles. A throw stops the subscription and is reported through `onError`. */
  handler: (events: StoredEvent[]) => Promise<void>;
  maxBatchSize?: number;
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves once the handler is idle and no further batch will be delivered. */
  stop(): Promise<void>;
}

export interface EventStore {
  /** Which adapter this is (`sqlite`, `postgres`, `eventstoredb`), for readiness and logs. */
  readonly kind: string;
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream in revision order; [] for a stream that does not exist. They carry no global position. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of all streams in global order. */
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  /** Position of the newest event, null when the store is empty. */
  headPosition(): Promise<bigint | null>;
  /** Catch-up subscription: replays from `after`, then delivers live events as they are appended. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

/** Durable positions of named consumers (the projection runner keeps its own in the read-model transaction). */
export interface CheckpointStore {
  load(name: string): Promise<bigint | null>;
  save(name: string, position: bigint): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId} is at ${actual}, expected ${expected}`);
  }
}

/** An event id was reused for a different event (not a retry of the same append). */
export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string) {
    super(`event id ${eventId} already stored elsewhere`);
  }
}
