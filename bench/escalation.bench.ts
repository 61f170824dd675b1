import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { NestFactory } from '@nestjs/core';
import { NewEvent, SqliteEventStore } from '@qf/event-store';
import { CLOCK, DEFAULT_SLA_POLICY, ManualClock, READ_MODEL_DB, formatShanghai } from '@qf/platform';
import type { ReadModelDb } from '@qf/projections';
import { planRound } from '@qf/hotline';
import { ESCALATIONS_TABLE, SchedulerService } from '@qf/supervision';
import { StandaloneModule } from '../apps/standalone/src/app.module';

export interface EscalationBenchResult {
  scheduler: 'embedded' | 'bullmq';
  openDeadlines: number;
  dueAtOnce: number;
  /** Wall time from moving the clock to the instant until every due rung was fired and visible in the inbox read model. */
  seconds: number;
  fired: number;
  duplicates: number;
}

const DUE_INSTANT = '2026-03-17T23:59:59.999+08:00';

/**
 * 100,000 open deadlines (50,000 normal work orders, sign + reply each), of which the sign deadlines of the 10,000
 * orders dispatched on Mon 2026-03-16 all fall due at the same instant (Tue 23:59:59.999). The events are written
 * straight into the store; the whole standalone application then starts on them with the manual clock at Tue 21:00
 * (their warnings fire on start), and the clock is moved to the instant: timed until all 10,000 level-1 escalations
 * are in the inbox read model, then every escalation event in the store is counted for duplicates.
 */
export async function benchEscalation(opts: { dataDir: string; scheduler: 'embedded' | 'bullmq'; redisUrl?: string; dueOrders?: number; laterOrders?: number }): Promise<EscalationBenchResult> {
  const dueOrders = opts.dueOrders ?? 10_000;
  const laterOrders = opts.laterOrders ?? 40_000;
  mkdirSync(opts.dataDir, { recursive: true });
  const store = SqliteEventStore.open(join(opts.dataDir, 'events.sqlite'));
  const meta = (at: Date) => ({ occurredAt: formatShanghai(at), recordedAt: formatShanghai(at), actor: { sub: 'bench', unitId: 'U-RX', roles: ['hotline_operator'] }, correlationId: 'bench', causationId: null });
  const units = ['U-JD-01', 'U-JD-02', 'U-JD-03', 'U-JD-04', 'U-ZH-01', 'U-ZH-02', 'U-BM-CG'];
  const pending: Promise<unknown>[] = [];
  const total = dueOrders + laterOrders;
  for (let i = 0; i < total; i++) {
    const orderNo = `ESC-${i}`;
    // The first group on Mon 09:00 onwards (sign due Tue 23:59:59.999); the rest on Tue 09:00 onwards (due Wed).
    const at = new Date(Date.parse(i < dueOrders ? '2026-03-16T09:00:00+08:00' : '2026-03-17T09:00:00+08:00') + (i < dueOrders ? i : i - dueOrders) * 1000);
    const unitId = units[i % units.length];
    const events: NewEvent[] = [
      {
        id: uuid(),
        type: 'OrderDispatched',
        data: { orderNo, channel: 'phone', category: '城市管理', urgency: 'normal', content: '督办基准', caller: null, address: null, unitId, deadlines: planRound(DEFAULT_SLA_POLICY, 'normal', at) },
        metadata: meta(at),
      },
    ];
    pending.push(store.append(`hotline-${orderNo}`, events, 'no_stream'));
    if (pending.length >= 500) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await store.close();

  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: opts.dataDir,
    CLOCK: 'manual',
    CLOCK_START: '2026-03-17T21:00:00+08:00',
    READMODEL_URL: '',
    EVENTSTORE_URL: '',
    REDIS_URL: opts.scheduler === 'bullmq' ? opts.redisUrl : '',
    QUEUE_PREFIX: `qf-bench-${process.pid}-${Date.now()}`,
    PROJECTION_WAIT_MS: '60000',
  });
  const app = await NestFactory.createApplicationContext(StandaloneModule, { logger: false });
  try {
    const scheduler = app.get(SchedulerService).scheduler;
    const clock = app.get<ManualClock>(CLOCK);
    const db = app.get<ReadModelDb>(READ_MODEL_DB).db;
    // Start-up: the read models catch up on 50,000 orders and the warnings of the first group fire.
    await scheduler.drain(600_000);
    const count = async (level: number) => Number((await db.selectFrom(ESCALATIONS_TABLE).select((eb) => eb.fn.countAll().as('n')).where('level', '=', level).executeTakeFirst())?.n ?? 0);
    const open = Number((await db.selectFrom('deadlines').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'pending').executeTakeFirst())?.n ?? 0);

    const t0 = Date.now();
    clock.advanceTo(new Date(DUE_INSTANT));
    let level1 = 0;
    while (level1 < dueOrders && Date.now() - t0 < 300_000) {
      await new Promise((r) => setTimeout(r, 100));
      level1 = await count(1);
    }
    const seconds = (Date.now() - t0) / 1000;
    await scheduler.drain(120_000);

    // Every escalation event in the store, by escalation id: any id seen twice is a rung fired twice.
    const events = SqliteEventStore.open(join(opts.dataDir, 'events.sqlite'));
    const seen = new Set<string>();
    let fired = 0;
    let duplicates = 0;
    for (let after: bigint | null = null; ; ) {
      const batch = await events.readAll({ after, limit: 5000 });
      if (!batch.length) break;
      for (const e of batch) {
        if (e.type !== 'DeadlineEscalated') continue;
        fired++;
        const id = (e.data as { escalationId: string }).escalationId;
        if (seen.has(id)) duplicates++;
        seen.add(id);
      }
      after = batch[batch.length - 1].position;
    }
    await events.close();
    if (level1 !== dueOrders) throw new Error(`only ${level1} of ${dueOrders} level-1 escalations after ${seconds} s`);
    return { scheduler: opts.scheduler, openDeadlines: open, dueAtOnce: level1, seconds, fired, duplicates };
  } finally {
    await app.close();
  }
}
