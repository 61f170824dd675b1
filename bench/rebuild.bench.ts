import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@qf/event-store';
import { ProjectionRunner, createReadModelDb } from '@qf/projections';
import { workOrdersProjection } from '@qf/hotline';
import { appendOrderLives } from './order-lives';

/** Writes `orders` work orders (dispatch, sign, reply: 3 events each) and times a full rebuild of the orders read model. */
export async function benchRebuild(opts: { dataDir: string; orders?: number }): Promise<{ events: number; seconds: number; perSec: number }> {
  const orders = opts.orders ?? 20_000;
  mkdirSync(opts.dataDir, { recursive: true });
  const store = SqliteEventStore.open(join(opts.dataDir, 'rebuild-events.sqlite'));
  const readModels = await createReadModelDb({ sqlitePath: join(opts.dataDir, 'rebuild-readmodels.sqlite') });
  const start = new Date('2026-03-02T09:00:00+08:00');
  const units = ['U-JD-01', 'U-JD-02', 'U-JD-03', 'U-JD-04', 'U-ZH-01', 'U-BM-CG'];
  await appendOrderLives(store, orders, (i) => ({ orderNo: `RB-${i}`, unitId: units[i % units.length], at: new Date(start.getTime() + i * 60_000) }), '重建基准');
  const runner = new ProjectionRunner(store, readModels, [workOrdersProjection]);
  try {
    const result = await runner.rebuild([workOrdersProjection.name]);
    const seconds = result.ms / 1000;
    return { events: result.events, seconds, perSec: result.events / seconds };
  } finally {
    await runner.stop();
    await store.close();
    await readModels.close();
  }
}
