import { Client } from 'pg';

export type StoreEnv = Record<string, string | undefined>;

/**
 * The stores a suite runs on: the embedded default (SQLite events and read models) always, and when READMODEL_URL is
 * set the production stores on that server — the PostgreSQL event store and PostgreSQL read models, each in schemas
 * of the suite's own (SPEC §11: the whole product on PostgreSQL).
 */
export function readModelTargets(label: string): Array<[string, StoreEnv]> {
  const targets: Array<[string, StoreEnv]> = [['SQLite', { READMODEL_URL: undefined, READMODEL_SCHEMA: undefined, EVENTSTORE_URL: undefined, EVENTSTORE_SCHEMA: undefined }]];
  if (process.env.READMODEL_URL) {
    const schema = `qf_${label}_${process.pid}_${Date.now()}`;
    targets.push(['PostgreSQL', { READMODEL_URL: process.env.READMODEL_URL, READMODEL_SCHEMA: schema, EVENTSTORE_URL: process.env.READMODEL_URL, EVENTSTORE_SCHEMA: `${schema}_es` }]);
  }
  return targets;
}

export async function dropSchema(env: StoreEnv): Promise<void> {
  if (!env.READMODEL_URL || !env.READMODEL_SCHEMA) return;
  const pg = new Client({ connectionString: env.READMODEL_URL });
  await pg.connect();
  await pg.query(`drop schema if exists ${env.READMODEL_SCHEMA} cascade`);
  if (env.EVENTSTORE_SCHEMA) await pg.query(`drop schema if exists ${env.EVENTSTORE_SCHEMA} cascade`);
  await pg.end();
}

/**
 * The escalation schedulers a suite runs on: the in-process one always (embedded stores), BullMQ on the real Redis
 * when REDIS_URL is set, and when READMODEL_URL is set too, the whole production set: BullMQ with the PostgreSQL event
 * store and read models.
 */
export function schedulerTargets(label = 'sched'): Array<[string, StoreEnv]> {
  const targets: Array<[string, StoreEnv]> = [['embedded scheduler', { REDIS_URL: undefined }]];
  if (process.env.REDIS_URL) targets.push(['BullMQ scheduler', { REDIS_URL: process.env.REDIS_URL }]);
  if (process.env.REDIS_URL && process.env.READMODEL_URL) {
    const schema = `qf_${label}_${process.pid}_${Date.now()}`;
    targets.push([
      'BullMQ scheduler on the PostgreSQL stores',
      { REDIS_URL: process.env.REDIS_URL, READMODEL_URL: process.env.READMODEL_URL, READMODEL_SCHEMA: schema, EVENTSTORE_URL: process.env.READMODEL_URL, EVENTSTORE_SCHEMA: `${schema}_es` },
    ]);
  }
  return targets;
}
