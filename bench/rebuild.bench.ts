import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { NewEvent, SqliteEventStore } from '@qf/event-store';
import { ProjectionRunner, createReadModelDb } from '@qf/projections';
import { DEFAULT_SLA_POLICY, formatShanghai } from '@qf/platform';
import { planRound, workOrdersProjection } from '@qf/hotline';

/** Writes `orders` work orders (dispatch, sign, reply: 3 events each) and times a full rebuild of the orders read model. */
export async function benchRebuild(opts: { dataDir: string; orders?: number }): Promise<{ events: number; seconds: number; perSec: number }> {
  const orders = opts.orders ?? 20_000;
  mkdirSync(opts.dataDir, { recursive: true });
  const store = SqliteEventStore.open(join(opts.dataDir, 'rebuild-events.sqlite'));
  const readModels = await createReadModelDb({ sqlitePath: join(opts.dataDir, 'rebuild-readmodels.sqlite') });
  const start = new Date('2026-03-02T09:00:00+08:00');
  const meta = (at: Date) => ({ occurredAt: formatShanghai(at), recordedAt: formatShanghai(at), actor: { sub: 'bench', unitId: 'U-RX', roles: ['hotline_operator'] }, correlationId: 'bench', causationId: null });
  const units = ['U-JD-01', 'U-JD-02', 'U-JD-03', 'U-JD-04', 'U-ZH-01', 'U-BM-CG'];
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < orders; i++) {
    const orderNo = `RB-${i}`;
    const at = new Date(start.getTime() + i * 60_000);
    const unitId = units[i % units.length];
    const events: NewEvent[] = [
      { id: uuid(), type: 'OrderDispatched', data: { orderNo, channel: 'phone', category: '城市管理', urgency: 'normal', content: '重建基准', caller: null, address: null, unitId, deadlines: planRound(DEFAULT_SLA_POLICY, 'normal', at) }, metadata: meta(at) },
      { id: uuid(), type: 'OrderSigned', data: { orderNo, unitId }, metadata: meta(new Date(at.getTime() + 3_600_000)) },
      { id: uuid(), type: 'OrderReplied', data: { orderNo, unitId, outcome: 'resolved', reply: '已处理完毕并回复群众' }, metadata: meta(new Date(at.getTime() + 7_200_000)) },
    ];
    pending.push(store.append(`hotline-${orderNo}`, events, 'no_stream'));
    if (pending.length >= 500) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
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
