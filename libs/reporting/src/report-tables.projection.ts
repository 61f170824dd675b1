import { Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * PostgreSQL plans no parallel workers for these report tables (the `parallel_workers` storage parameter, set once).
 * A report answers from index ranges of a few thousand to a hundred thousand rows, several queries at once per call;
 * on a busy two-core machine a parallel plan waited for its workers to get a core: the clearance's "intervals ending
 * after asOf" took 220 ms with two workers and 12 ms without. SQLite has no parallel plans.
 */
export async function withoutParallelWorkers(db: Kysely<any>, tables: string[]): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const set = await sql<{ relname: string }>`select relname from pg_class where oid in (${sql.join(tables.map((t) => sql`to_regclass(${t})`))}) and 'parallel_workers=0' = any (coalesce(reloptions, '{}'))`.execute(db);
  const done = new Set(set.rows.map((r) => r.relname));
  for (const t of tables) if (!done.has(t)) await sql`alter table ${sql.table(t)} set (parallel_workers = 0)`.execute(db);
}
