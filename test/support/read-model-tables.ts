import { AppConfig, openReadModels } from '@qf/platform';

/** Tables that are not read models: checkpoints, remembered answers, personal-data keys. */
const NOT_READ_MODELS = new Set(['projection_checkpoints', 'reactor_checkpoints', 'idempotency_keys', 'pii_keys']);

/** Every read-model table of a deployment with its rows in a stable order, to compare incremental with rebuilt. */
export async function readModelTables(config: AppConfig): Promise<Record<string, string[]>> {
  const readModels = await openReadModels(config);
  try {
    const out: Record<string, string[]> = {};
    for (const table of await readModels.db.introspection.getTables()) {
      // Only this deployment's read-model schema (the event store may live in the same database).
      if (NOT_READ_MODELS.has(table.name) || table.isView || (config.readModelUrl && table.schema !== (config.readModelSchema ?? 'public'))) continue;
      const rows = await readModels.db.selectFrom(table.name).selectAll().execute();
      out[table.name] = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
    }
    return out;
  } finally {
    await readModels.close();
  }
}
