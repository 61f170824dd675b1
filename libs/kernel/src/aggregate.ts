/** A domain event as decide produces it: a type and its data. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
}

/** A domain event as evolve sees it: with the business time it happened at and the time it was recorded. */
export type Recorded<E extends DomainEvent> = E & { occurredAt: string; recordedAt: string };

/** The pure core of an aggregate (emmett style): a state, and a fold over its events. */
export interface Aggregate<S, E extends DomainEvent> {
  initialState: () => S;
  evolve: (state: S, event: Recorded<E>) => S;
}

/** What a command decides: the events, and their business time when it is not the command's `now` (imports). */
export interface Decision<E extends DomainEvent> {
  events: E[];
  /** Business time of the events; defaults to the command's `now` (imports pass a past dispatch time). */
  occurredAt?: Date;
}

/** A decide function's answer as one shape: a bare event list becomes a Decision. */
export const decision = <E extends DomainEvent>(decided: E[] | Decision<E>): Decision<E> => (Array.isArray(decided) ? { events: decided } : decided);

/** An event as stored (any adapter's), as far as a fold needs it. */
export interface StoredEventLike {
  type: string;
  data: unknown;
  metadata: { occurredAt: string; recordedAt: string };
}

export function toRecorded<E extends DomainEvent>(e: StoredEventLike): Recorded<E> {
  return { type: e.type, data: e.data, occurredAt: e.metadata.occurredAt, recordedAt: e.metadata.recordedAt } as Recorded<E>;
}

export function fold<S, E extends DomainEvent>(aggregate: Aggregate<S, E>, events: StoredEventLike[]): S {
  return events.reduce((s, e) => aggregate.evolve(s, toRecorded<E>(e)), aggregate.initialState());
}
