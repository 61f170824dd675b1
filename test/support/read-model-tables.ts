import { sql } from 'kysely';
import { AppConfig, openReadModels } from '@qf/platform';

/** Tables that are not read models: checkpoints, remembered answers, personal-data keys. */
const NOT_READ_MODELS = new Set(['projection_checkpoints', 'reactor_checkpoints', 'idempotency_keys', 'pii_keys']);

/**
 * Every read-model table of a deployment with its rows in a stable order, to compare incremental with rebuilt. Only
 * this deployment's schema is listed: reading the whole database's catalog fails when another deployment (a parallel
 * test) drops its schema meanwhile.
 */
export async function readModelTables(config: AppConfig): Promise<Record<string, string[]>> {
  const readModels = await openReadModels(config);
  try {
    const listing =
      readModels.dialect === 'postgres'
        ? sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`
        : sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`;
    const tables = (await listing.execute(readModels.db)).rows.map((r) => r.name).filter((name) => !NOT_READ_MODELS.has(name));
    const out: Record<string, string[]> = {};
    for (const table of tables.sort()) {
      const rows = await readModels.db.selectFrom(table).selectAll().execute();
      out[table] = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
    }
    return out;
  } finally {
    await readModels.close();
  }
}
