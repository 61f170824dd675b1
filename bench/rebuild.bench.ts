import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@qf/event-store';
import { appendOrderLives } from './order-lives';

const ROOT = join(__dirname, '..');

/**
 * Writes `orders` work orders (dispatch, sign, reply: 3 events each) into an embedded store, then times the rebuild
 * of the orders read model by the operator's own command, `npm run cli -- projections:rebuild hotline-orders`, in a
 * process of its own (with the node flags the command runs with). The figure is the command's own count and time of
 * its read-and-apply loop.
 */
export async function benchRebuild(opts: { dataDir: string; orders?: number }): Promise<{ orders: number; events: number; seconds: number; perSec: number }> {
  const orders = opts.orders ?? 50_000;
  mkdirSync(opts.dataDir, { recursive: true });
  const store = SqliteEventStore.open(join(opts.dataDir, 'events.sqlite'));
  const start = new Date('2026-03-02T09:00:00+08:00');
  const units = ['U-JD-01', 'U-JD-02', 'U-JD-03', 'U-JD-04', 'U-ZH-01', 'U-BM-CG'];
  try {
    await appendOrderLives(store, orders, (i) => ({ orderNo: `RB-${i}`, unitId: units[i % units.length], at: new Date(start.getTime() + i * 60_000) }), '重建基准');
  } finally {
    await store.close();
  }
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: opts.dataDir, LOG_LEVEL: 'warn' };
  for (const name of ['EVENTSTORE_URL', 'READMODEL_URL', 'REDIS_URL', 'KAFKA_BROKERS', 'JWT_SECRET', 'PII_KEY', 'NODE_ENV']) delete env[name];
  const run = spawnSync('npm', ['run', '-s', 'cli', '--', 'projections:rebuild', 'hotline-orders'], { cwd: ROOT, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`projections:rebuild failed (${run.status}):\n${run.stdout}${run.stderr}`);
  const summary = JSON.parse(run.stdout.trim().split('\n').pop()!) as { events: number; seconds: number };
  return { orders, events: summary.events, seconds: summary.seconds, perSec: summary.events / summary.seconds };
}
