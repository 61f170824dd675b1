import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '@qf/platform';
import { SchedulerService } from '@qf/supervision';
import { TestApp, startApp } from './support/app';
import { readModelTables } from './support/read-model-tables';
import { dropSchema, readModelTargets } from './support/targets';

/** `npm run cli -- …` as a user runs it, against this test's stores. */
function cli(args: string[], env: Record<string, string | undefined>) {
  const clean = Object.fromEntries(Object.entries({ ...process.env, NODE_ENV: 'test', JWT_SECRET: 'rebuild-secret-0123456789', ...env }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(__dirname, '..', 'apps/cli/src/main.ts'), ...args], { env: clean, encoding: 'utf8', timeout: 180_000 });
}

/**
 * Issue 2 and 12: `npm run cli -- projections:rebuild` rebuilds every registered read model from the events, and the
 * result equals incremental processing — every read-model table row for row, and the HTTP answers — on SQLite and on
 * the PostgreSQL stores.
 */
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
    // Every other kind of read model gets something too: a petition, a clue with a sanction, a campaign, a push.
    const officer = t.token(['petition_officer'], 'U-XF');
    const petition = await post('/api/petitions', officer, { channel: 'visit', petitioner: { name: '林某某', idNumber: '110101198001011234' }, subject: '拖欠工资', content: '用人单位拖欠工资三个月', category: '劳动保障' }).expect(201);
    await post(`/api/petitions/${petition.body.id}/assign`, officer, { unitId: 'U-JD-01', mode: 'assign' }).expect(200);
    await post(`/api/petitions/${petition.body.id}/accept`, t.token(['unit_handler'], 'U-JD-01')).expect(200);
    const inspector = t.token(['inspector'], 'U-JW');
    const clue = await post('/api/clues', inspector, { source: 'audit', subjects: [{ name: '某干部', unitId: 'U-BM-CG', rank: 'section', partyMember: true }], allegations: '违规发放津补贴，涉嫌违反廉洁纪律。', category: 'integrity' }).expect(201);
    await post(`/api/clues/${clue.body.id}/disposition`, inspector, { method: 'talk_inquiry', rationale: '问题较轻', approvedBy: '张书记' }).expect(200);
    await post(`/api/clues/${clue.body.id}/inquiry-reply`, inspector, { explanation: '已如实说明情况' }).expect(200);
    await post(`/api/clues/${clue.body.id}/sanctions`, inspector, { subjectIndex: 0, form: 1, measure: 'inquiry_closure', decidedAt: '2026-03-18T09:00:00+08:00', basis: '函询了结' }).expect(200);
    await post('/api/campaigns', t.token(['admin']), { id: 'RB-C', name: '重建测试专项', kinds: ['hotline', 'petition', 'clue'], baselineAt: '2026-03-17T00:00:00+08:00', targetAt: '2026-06-30T00:00:00+08:00' }).expect(201);
    await post('/api/inbound/hotline.orders.v1', op, { key: 'RB-IN', value: { type: 'order.dispatched', orderNo: 'RB-IN', occurredAt: '2026-03-18T08:00:00+08:00', payload: { channel: 'app', category: '市容', urgency: 'normal', content: '推送工单', unitId: 'U-JD-02' } } }).expect(200);
    await t.setClock('2026-03-20T09:00:00+08:00');
    // Let the escalation scheduler finish what the clock made due, so the answers hold still.
    await t.app.get(SchedulerService).scheduler.drain();
    const before = await answers(t);
    // The six inboxes come just before the ranking, the last answer: escalations must be among what is compared.
    expect(before.slice(-7, -1).some((inbox) => (inbox as { total: number }).total > 0)).toBe(true);
    expect((before[0] as { total: number }).total).toBe(25);
    await t.close();
    t = undefined;

    // Every read model as incremental processing left it, table by table.
    const config = loadConfig({ ...process.env, ...env, DATA_DIR: dataDir } as NodeJS.ProcessEnv);
    const incremental = await readModelTables(config);
    expect(Object.keys(incremental)).toEqual(expect.arrayContaining(['hotline_orders', 'petitions', 'clues', 'audit_log', 'deadlines', 'escalations', 'report_hotline_facts', 'report_petition_facts', 'report_clearance_cases', 'report_campaigns', 'integration_outbox']));

    // A server on this DATA_DIR makes the CLI refuse (the embedded default keeps a pid file while it runs).
    if (!env.READMODEL_URL) {
      writeFileSync(join(dataDir, 'server.pid'), JSON.stringify({ pid: process.pid, port: 1 }));
      const refused = cli(['projections:rebuild'], { ...env, DATA_DIR: dataDir });
      expect(refused.status).toBe(3);
      expect(refused.stderr).toContain('stop it before rebuilding');
      rmSync(join(dataDir, 'server.pid'));
    }
    // `npm run cli -- projections:rebuild` with no name: every registered read model, from the events.
    const rebuilt = cli(['projections:rebuild'], { ...env, DATA_DIR: dataDir });
    expect(rebuilt.status).toBe(0);
    const summary = JSON.parse(rebuilt.stdout.trim().split('\n').pop()!) as { projections: string[]; events: number };
    expect(summary.projections).toEqual(expect.arrayContaining(['hotline-orders', 'petitions', 'clues', 'deadlines', 'escalations', 'report-hotline-facts', 'report-clearance-facts', 'integration-outbox']));
    expect(summary.events).toBeGreaterThan(24);
    const afterRebuild = await readModelTables(config);
    for (const table of Object.keys(incremental)) expect({ table, rows: afterRebuild[table] }).toEqual({ table, rows: incremental[table] });

    t = await startApp(env, dataDir);
    await t.app.get(SchedulerService).scheduler.drain();
    expect(await answers(t)).toEqual(before);
  }, 120_000);
});
