import { Client } from 'pg';

export type StoreEnv = Record<string, string | undefined>;

/** The read-model stores a suite runs on: SQLite always, PostgreSQL (own schema) when READMODEL_URL is set. */
export function readModelTargets(label: string): Array<[string, StoreEnv]> {
  const targets: Array<[string, StoreEnv]> = [['SQLite', { READMODEL_URL: undefined, READMODEL_SCHEMA: undefined }]];
  if (process.env.READMODEL_URL) {
    targets.push(['PostgreSQL', { READMODEL_URL: process.env.READMODEL_URL, READMODEL_SCHEMA: `qf_${label}_${process.pid}_${Date.now()}` }]);
  }
  return targets;
}

export async function dropSchema(env: StoreEnv): Promise<void> {
  if (!env.READMODEL_URL || !env.READMODEL_SCHEMA) return;
  const pg = new Client({ connectionString: env.READMODEL_URL });
  await pg.connect();
  await pg.query(`drop schema if exists ${env.READMODEL_SCHEMA} cascade`);
  await pg.end();
}

/** The escalation schedulers a suite runs on: the in-process one always, BullMQ on the real Redis when REDIS_URL is set. */
export function schedulerTargets(): Array<[string, StoreEnv]> {
  const targets: Array<[string, StoreEnv]> = [['embedded scheduler', { REDIS_URL: undefined }]];
  if (process.env.REDIS_URL) targets.push(['BullMQ scheduler', { REDIS_URL: process.env.REDIS_URL }]);
  return targets;
}
