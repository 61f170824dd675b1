import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Client, Pool } from 'pg';

/** The read-model database: SQLite on the embedded default, PostgreSQL in production — one Kysely API for both. */
export interface ReadModelDb {
  db: Kysely<any>;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export async function createReadModelDb(opts: { url?: string; sqlitePath?: string; schema?: string }): Promise<ReadModelDb> {
  if (opts.url) {
    const schema = opts.schema ?? 'public';
    if (!SCHEMA_PATTERN.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const admin = new Client({ connectionString: opts.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
    // Every pooled connection works in the schema, so each deployment (or test file) can have its own.
    // JIT off: report queries run for milliseconds, and PostgreSQL's JIT compiler would spend hundreds on each one.
    // No parallel workers: a report reads index ranges of thousands to a hundred thousand rows, several queries at once
    // per call, and on a busy two-core machine a parallel plan waited for its workers to get a core (the clearance's
    // "intervals ending after asOf": 220 ms with two workers, 12 ms without; decision 88).
    const pool = new Pool({ connectionString: opts.url, max: 10, options: `-c search_path=${schema} -c jit=off -c max_parallel_workers_per_gather=0` });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const sqlite = new Database(opts.sqlitePath ?? ':memory:');
  sqlite.pragma('journal_mode = WAL');
  // Read models are rebuildable from the events and their checkpoint commits with them: NORMAL is durable enough.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // Kysely prepares every query anew; the same few hundred statements run all day, so each is prepared once.
  const statements = new Map<string, Database.Statement>();
  const database = {
    close: () => sqlite.close(),
    prepare(text: string): Database.Statement {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= 2000) statements.clear();
        statements.set(text, (statement = sqlite.prepare(text)));
      }
      return statement;
    },
  };
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** pg_advisory_xact_lock key serialising read-model migrations across processes (the projection runner's too). */
export const MIGRATION_LOCK = 7_411_002;

/**
 * Runs schema changes (`create table if not exists …`) so that services starting together on one PostgreSQL do not
 * race each other's catalog inserts: one process at a time, each in a transaction under one advisory lock.
 */
export async function migrateExclusively(readModels: Pick<ReadModelDb, 'db' | 'dialect'>, migrate: (db: Kysely<any>) => Promise<void>): Promise<void> {
  if (readModels.dialect !== 'postgres') return migrate(readModels.db);
  await readModels.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await migrate(trx);
  });
}
