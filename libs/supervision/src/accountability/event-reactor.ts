import type { Kysely } from 'kysely';
import type { EventStore, StoredEvent, Subscription } from '@qf/event-store';

const TABLE = 'reactor_checkpoints';

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
    private readonly db: Kysely<any>,
    private readonly handle: (event: StoredEvent) => Promise<void>,
    private readonly log: { error(message: string): void },
    private readonly retryMs = 5000,
  ) {}

  async start(): Promise<void> {
    await this.db.schema
      .createTable(TABLE)
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('position', 'text', (c) => c.notNull())
      .execute();
    await this.subscribe();
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    const row = await this.db.selectFrom(TABLE).select('position').where('name', '=', this.name).executeTakeFirst();
    this.subscription = this.store.subscribeToAll({
      after: row ? BigInt(row.position as string) : null,
      maxBatchSize: 500,
      handler: async (events) => {
        for (const e of events) await this.handle(e);
        await this.save(events[events.length - 1].position);
      },
      onError: (error) => {
        this.log.error(`${this.name} stopped at an event it could not handle (retrying in ${this.retryMs} ms): ${String(error)}`);
        this.restart = setTimeout(() => void this.subscribe().catch((e) => this.log.error(String(e))), this.retryMs);
        this.restart.unref();
      },
    });
  }

  private async save(position: bigint): Promise<void> {
    await this.db
      .insertInto(TABLE)
      .values({ name: this.name, position: position.toString() })
      .onConflict((oc) => oc.column('name').doUpdateSet({ position: position.toString() }))
      .execute();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restart) clearTimeout(this.restart);
    await this.subscription?.stop();
  }
}
