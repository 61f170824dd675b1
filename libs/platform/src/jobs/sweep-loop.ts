/**
 * Serialises the runs of a time-driven job (escalation sweeps, ranking publication): a poke during a run schedules
 * exactly one more run after it, so clock moves and timer ticks never run it on top of itself.
 */
export class SweepLoop {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly sweep: () => Promise<void>, private readonly onError: (error: unknown) => void) {}

  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sweep()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  /** Resolves when no sweep is running or scheduled. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }
}
