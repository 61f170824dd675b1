import type { Clock } from '@qf/platform';
import type { DeadlineRow } from '../read-models/deadlines.projection';

/**
 * The scheduler port (SPEC §4, §11): something that makes every rung of every open deadline fire once its time has
 * come by the system's clock. Two implementations: in-process over the deadline read model (embedded default) and
 * BullMQ delayed jobs on Redis (REDIS_URL). Neither holds the truth: deadlines live in the store, and firing is an
 * idempotent command on the case stream, so either may crash, repeat or race itself without a rung firing twice.
 */
export interface EscalationScheduler {
  readonly kind: 'embedded' | 'bullmq';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Look for due rungs now (the clock moved, or deadlines changed). */
  poke(): void;
  /** For readiness: resolves with a detail when the scheduler's backing service answers, throws when it does not. */
  ping(): Promise<unknown>;
  /** Resolves once everything due at the clock's current time has been fired (tests and benchmarks). */
  drain(timeoutMs?: number): Promise<void>;
}

/** Where a page of due deadlines ended: the next page starts after this (next rung, key). */
export interface DueCursor {
  nextFireAt: string;
  id: string;
}


/** What a scheduler needs from the application. */
export interface SchedulerDeps {
  clock: Clock;
  /** Open deadlines with a rung due at or before `until`, earliest first (by next rung, then key); `after` pages on. */
  findDue(until: Date, limit: number, after?: DueCursor): Promise<DeadlineRow[]>;
  /** Fires the due rungs of one deadline; idempotent. Returns how many fired. */
  fire(deadlineKey: string): Promise<number>;
  /** Waits until the deadline read model holds every stored event. */
  settle(): Promise<void>;
  log: { info(message: string): void; error(message: string): void };
  onFailure?(scheduler: 'embedded' | 'bullmq', final: boolean): void;
}

/**
 * Every open deadline with a rung due by `until`, earliest first, a page of up to `size` rows at a time: each page
 * starts after the last row of the one before (next rung, then key), so rows changed while the pages are walked are
 * neither skipped nor listed twice. Both schedulers walk the due rows this way.
 */
export async function* duePages(findDue: SchedulerDeps['findDue'], until: Date, size: number): AsyncGenerator<DeadlineRow[]> {
  for (let after: DueCursor | undefined; ; ) {
    const rows = await findDue(until, size, after);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    after = { nextFireAt: last.nextFireAt!, id: last.id };
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(runners);
}
