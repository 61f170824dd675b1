import { SweepLoop } from '@qf/platform';
import { EscalationScheduler, SchedulerDeps, inPool } from './scheduler.port';

export interface EmbeddedSchedulerOptions {
  /** How often it looks without being poked (the system clock moves on its own), ms. */
  intervalMs?: number;
  concurrency?: number;
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

  private async sweep(): Promise<void> {
    const batch = this.options.batch ?? 1000;
    // A deadline handled once in this sweep is not handled again in it: if it is still listed after settling, its
    // firing appended nothing (or failed) and the next sweep will look again.
    const handled = new Set<string>();
    for (;;) {
      await this.deps.settle();
      const now = this.deps.clock.now();
      const wall = Date.now();
      const rows = await this.deps.findDue(now, batch + handled.size);
      const due = rows.filter((r) => !handled.has(r.id) && (this.retryAt.get(r.id) ?? 0) <= wall).slice(0, batch);
      if (due.length === 0) return;
      await inPool(due, this.options.concurrency ?? 8, async (row) => {
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
  }
}
