import { SweepLoop } from '@qf/platform';
import { EscalationScheduler, SchedulerDeps, duePages, inPool } from './scheduler.port';

export interface EmbeddedSchedulerOptions {
  /** How often it looks without being poked (the system clock moves on its own), ms. */
  intervalMs?: number;
  /** How many deadlines are fired at the same time (their appends share the store's group commits). */
  concurrency?: number;
  /** How many due deadlines are read per page. */
  batch?: number;
  /** How long a deadline whose firing failed is left alone before the next try, ms. */
  retryAfterMs?: number;
}

/**
 * The in-process scheduler of the embedded default: sweeps the deadline read model for rungs due by the clock —
 * every `intervalMs`, and at once when the manual clock moves — and fires them. After a crash the next sweep finds
 * whatever is still due; nothing is kept only in memory.
 */
export class EmbeddedScheduler implements EscalationScheduler {
  readonly kind = 'embedded' as const;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private readonly retryAt = new Map<string, number>();
  private readonly loop: SweepLoop;

  constructor(private readonly deps: SchedulerDeps, private readonly options: EmbeddedSchedulerOptions = {}) {
    this.loop = new SweepLoop(() => this.sweep(), (e) => deps.log.error(`escalation sweep failed: ${String(e)}`));
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => this.poke(), this.options.intervalMs ?? 1000);
    this.timer.unref();
    this.unsubscribe = this.deps.clock.onAdvance(() => this.poke());
    this.poke();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.loop.stop();
  }

  poke(): void {
    this.loop.poke();
  }

  async ping(): Promise<unknown> {
    return { kind: this.kind };
  }

  async drain(): Promise<void> {
    this.poke();
    await this.loop.idle();
  }

  /**
   * One sweep: after settling the deadline read model, walk every rung due by the clock in pages and fire each page
   * at once. The firings of a page run concurrently, so the event store group-commits them (hundreds of escalations
   * per transaction, each still its own idempotent append to its case stream), and nothing waits for the read models
   * between pages. Then settle once and look again: anything the first pass could not see (events appended while it
   * ran) is fired by the next pass; a sweep ends when a pass finds nothing new.
   */
  private async sweep(): Promise<void> {
    const page = this.options.batch ?? 2000;
    const concurrency = this.options.concurrency ?? 500;
    // A deadline handled once in this sweep is not handled again in it: if it is still listed after settling, its
    // firing appended nothing (or failed) and the next sweep will look again.
    const handled = new Set<string>();
    for (;;) {
      await this.deps.settle();
      const now = this.deps.clock.now();
      let fresh = 0;
      for await (const rows of duePages(this.deps.findDue, now, page)) {
        const wall = Date.now();
        const due = rows.filter((r) => !handled.has(r.id) && (this.retryAt.get(r.id) ?? 0) <= wall);
        fresh += due.length;
        await inPool(due, concurrency, async (row) => {
          handled.add(row.id);
          try {
            await this.deps.fire(row.id);
            this.retryAt.delete(row.id);
          } catch (error) {
            this.retryAt.set(row.id, Date.now() + (this.options.retryAfterMs ?? 30_000));
            this.deps.onFailure?.('embedded', false);
            this.deps.log.error(`escalating ${row.id} failed (will retry): ${String(error)}`);
          }
        });
      }
      if (fresh === 0) return;
    }
  }
}
