import type { CheckpointStore, EventStore, StoredEvent, Subscription } from '@qf/event-store';

/**
 * A process manager's loop: a catch-up subscription to all events from a durable checkpoint. The handler must be
 * idempotent — an event may be handled again after a crash between its effect and the checkpoint — which makes
 * "at least once" exactly once in effect. A failing handler stops the loop; it restarts from the checkpoint later.
 */
export class EventReactor {
  private subscription?: Subscription;
  private restart?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly handle: (event: StoredEvent) => Promise<void>,
    private readonly log: { error(message: string): void },
    private readonly retryMs = 5000,
  ) {}

  async start(): Promise<void> {
    await this.subscribe();
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    this.subscription = this.store.subscribeToAll({
      after: await this.checkpoints.load(this.name),
      maxBatchSize: 500,
      handler: async (events) => {
        for (const e of events) await this.handle(e);
        await this.checkpoints.save(this.name, events[events.length - 1].position);
      },
      onError: (error) => {
        this.log.error(`${this.name} stopped at an event it could not handle (retrying in ${this.retryMs} ms): ${String(error)}`);
        this.restart = setTimeout(() => void this.subscribe().catch((e) => this.log.error(String(e))), this.retryMs);
        this.restart.unref();
      },
    });
  }

  /** How far the reactions are, from their durable checkpoint: the position, and the events after it (0 = caught up). */
  async status(): Promise<{ position: string | null; lag: number }> {
    const [at, head] = await Promise.all([this.checkpoints.load(this.name), this.store.headPosition()]);
    return { position: at === null ? null : String(at), lag: head === null ? 0 : Number(head - (at ?? 0n)) };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restart) clearTimeout(this.restart);
    await this.subscription?.stop();
  }
}
