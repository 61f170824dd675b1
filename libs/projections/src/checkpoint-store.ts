import type { Kysely } from 'kysely';
import type { CheckpointStore } from '@qf/event-store';

const TABLE = 'reactor_checkpoints';

/**
 * The event store's CheckpointStore port kept in the read-model database, for consumers with side effects (process
 * managers): it lives wherever the read models live, SQLite or PostgreSQL, whatever the event store is.
 */
export class ReadModelCheckpointStore implements CheckpointStore {
  constructor(private readonly db: Kysely<any>) {}

  async migrate(db: Kysely<any> = this.db): Promise<void> {
    await db.schema.createTable(TABLE).ifNotExists().addColumn('name', 'text', (c) => c.primaryKey()).addColumn('position', 'text', (c) => c.notNull()).execute();
  }

  async load(name: string): Promise<bigint | null> {
    const row = await this.db.selectFrom(TABLE).select('position').where('name', '=', name).executeTakeFirst();
    return row ? BigInt(row.position as string) : null;
  }

  async save(name: string, position: bigint): Promise<void> {
    await this.db
      .insertInto(TABLE)
      .values({ name, position: position.toString() })
      .onConflict((oc) => oc.column('name').doUpdateSet({ position: position.toString() }))
      .execute();
  }
}
