import type { EventStore } from '@qf/event-store';
import type { CommandContext } from '@qf/kernel';
import { Contention, eventIdFor, execute } from './aggregate';
import { shanghaiDate } from '@qf/kernel';

type NumberAllocated = { type: 'NumberAllocated'; data: { n: number } };
const counter = { initialState: () => 0, evolve: (n: number, e: NumberAllocated) => Math.max(n, e.data.n) };

/**
 * Every registration of the day takes its number from one stream, so under load many race for it at once (on the
 * PostgreSQL event store, from several processes): each round one wins, the others retry after a random pause that
 * grows to 50 ms, which spreads them out. Losing 40 rounds in a row is what it takes to answer 409.
 */
const SEQUENCE_CONTENTION: Contention = { attempts: 40, pauseMs: (attempt) => Math.min(50, 2 ** attempt) };

/**
 * Server-assigned case ids: prefix + Shanghai date + daily sequence (XF20260315-0007). Each day is a stream of its
 * own; optimistic concurrency makes numbers unique, and the command id makes a retried command get its number back.
 */
export async function allocateDailyId(store: EventStore, prefix: string, day: Date, ctx: CommandContext): Promise<string> {
  const date = shanghaiDate(day).replace(/-/g, '');
  const streamId = `sequence-${prefix}-${date}`;
  const result = await execute(store, streamId, counter, { ...ctx, expectedVersion: undefined }, (n) => ({
    events: [{ type: 'NumberAllocated', data: { n: n + 1 } } as NumberAllocated],
  }), SEQUENCE_CONTENTION);
  // On a retried command nothing new is appended: the number is the one this command got the first time.
  const mine = result.replayed ? result.events.find((e) => e.id === eventIdFor(ctx.commandId, streamId, 0)) : undefined;
  const n = mine ? (mine.data as { n: number }).n : result.state;
  return `${prefix}${date}-${String(n).padStart(4, '0')}`;
}

/**
 * Waits (bounded) until another context's reaction has written the stream — a referral's clue, registered by the clue
 * context — and answers the store's head position then, for the caller's read models to settle on; null when it has
 * not appeared in time (it still will: reactions are durable; the caller has its answer either way). A stream read
 * carries no global position (EventStoreDB gives none there), so the head is asked for.
 */
export async function awaitStream(store: EventStore, streamId: string, timeoutMs: number): Promise<bigint | null> {
  const until = Date.now() + timeoutMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    if ((await store.readStream(streamId, { toRevision: 0 })).length) return store.headPosition();
    if (Date.now() >= until) return null;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
