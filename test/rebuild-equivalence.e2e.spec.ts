import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig, openEventStore, openReadModels } from '@qf/platform';
import { ProjectionRunner } from '@qf/projections';
import { workOrdersProjection } from '@qf/hotline';
import { SchedulerService, deadlinesProjection, escalationsProjection } from '@qf/supervision';
import { CaseKindRegistry } from '@qf/contracts';
import { CASE_KIND_DEFINITIONS } from '../apps/case-kinds';
import { hotlineFactsProjection } from '@qf/reporting';
import { TestApp, startApp } from './support/app';
import { dropSchema, readModelTargets } from './support/targets';

/** Issue 2: a full rebuild gives exactly the answers incremental processing gave — on SQLite and on PostgreSQL. */
const targets = readModelTargets('rebuild');

describe.each(targets)('projection rebuild on %s', (_name, env) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qf-rebuild-'));
  let t: TestApp | undefined;

  afterAll(async () => {
    await t?.close();
    await dropSchema(env);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const queries = [
    '/api/hotline/orders?pageSize=200',
    '/api/hotline/orders?status=signed',
    '/api/hotline/orders?status=closed',
    '/api/hotline/orders?overdue=true',
    '/api/hotline/orders?overdue=false&pageSize=7&page=2',
    '/api/hotline/orders?unitId=U-JD-01',
    '/api/hotline/orders?from=2026-03-17T00:00:00%2B08:00&to=2026-03-18T23:59:59%2B08:00',
  ];

  async function answers(app: TestApp) {
    const op = app.token(['hotline_operator'], 'U-RX');
    const sup = app.token(['supervisor'], 'U-JD-01');
    const out: unknown[] = [];
    for (const q of queries) out.push((await request(app.http).get(q).set('Authorization', `Bearer ${op}`).expect(200)).body);
    out.push((await request(app.http).get('/api/hotline/orders').set('Authorization', `Bearer ${sup}`).expect(200)).body);
    // The deadline read model and the inboxes fed by the escalations (issue 4).
    for (const q of ['/api/deadlines?pageSize=200', '/api/deadlines?state=overdue&unitId=U-JD-01', '/api/deadlines?state=warned']) {
      out.push((await request(app.http).get(q).set('Authorization', `Bearer ${op}`).expect(200)).body);
    }
    for (const unit of ['U-JD-01', 'U-JD-02', 'U-BM-CG']) {
      for (const role of ['unit_handler', 'unit_head'] as const) {
        out.push((await request(app.http).get('/api/escalations?pageSize=200').set('Authorization', `Bearer ${app.token([role], unit)}`).expect(200)).body);
      }
    }
    // The ranking's running counters rebuild to the same table.
    out.push((await request(app.http).get('/api/reports/monthly-ranking?month=2026-03').set('Authorization', `Bearer ${app.token(['leader'], 'U-QU')}`).expect(200)).body);
    return out;
  }

  it('answers identically after rebuilding from the events', async () => {
    t = await startApp({ ...env, CLOCK_START: '2026-03-16T09:00:00+08:00' }, dataDir);
    const op = t.token(['hotline_operator'], 'U-RX');
    const units = ['U-JD-01', 'U-JD-02', 'U-BM-CG', 'U-JD-01-01'];
    const post = (path: string, token: string, body: object = {}) => request(t!.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
    for (let day = 0; day < 3; day++) {
      await t.setClock(`2026-03-${16 + day}T09:00:00+08:00`);
      for (let i = 0; i < 8; i++) {
        const orderNo = `RB-${day}-${i}`;
        const unitId = units[i % units.length];
        const handler = t.token(['unit_handler'], unitId);
        await post('/api/hotline/orders', op, { orderNo, channel: 'web', category: '市容', urgency: i % 3 === 0 ? 'urgent' : 'normal', content: '重建测试', caller: { name: '王小二', phone: '13900001111' }, unitId }).expect(201);
        if (i % 4 === 1) continue; // left unsigned: goes overdue
        await post(`/api/hotline/orders/${orderNo}/sign`, handler).expect(200);
        if (i % 4 === 2) continue;
        await post(`/api/hotline/orders/${orderNo}/reply`, handler, { outcome: 'resolved', reply: '已经处理完毕，回复群众。' }).expect(200);
        await post(`/api/hotline/orders/${orderNo}/visit`, op, { satisfaction: i % 2 ? 'satisfied' : 'unsatisfied', resolved: i % 2 === 1 }).expect(200);
      }
    }
    await t.setClock('2026-03-20T09:00:00+08:00');
    // Let the escalation scheduler finish what the clock made due, so the answers hold still.
    await t.app.get(SchedulerService).scheduler.drain();
    const before = await answers(t);
    // The six inboxes come just before the ranking, the last answer: escalations must be among what is compared.
    expect(before.slice(-7, -1).some((inbox) => (inbox as { total: number }).total > 0)).toBe(true);
    expect((before[0] as { total: number }).total).toBe(24);
    await t.close();
    t = undefined;

    // As `npm run cli -- projections:rebuild` does, with the server stopped.
    const config = loadConfig({ ...process.env, ...env, DATA_DIR: dataDir } as NodeJS.ProcessEnv);
    const store = await openEventStore(config);
    const readModels = await openReadModels(config);
    const summary = await new ProjectionRunner(store, readModels, [workOrdersProjection, deadlinesProjection(new CaseKindRegistry(CASE_KIND_DEFINITIONS)), escalationsProjection, hotlineFactsProjection(new CaseKindRegistry(CASE_KIND_DEFINITIONS))]).rebuild();
    await store.close();
    await readModels.close();
    expect(summary.events).toBeGreaterThan(24);

    t = await startApp(env, dataDir);
    await t.app.get(SchedulerService).scheduler.drain();
    expect(await answers(t)).toEqual(before);
  }, 120_000);
});
