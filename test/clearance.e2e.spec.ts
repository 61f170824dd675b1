import { type ClearanceReport as Report, ClearanceService } from '@qf/reporting';
import { TestApp, downloadWorkbook, startApp } from './support/app';
import { hotlineSteps } from './support/hotline';
import { dropSchema, readModelTargets } from './support/targets';


/**
 * Issue 5: stock-and-increment clearance (SPEC §6) on a designed fixture built through the real commands on the
 * manual clock, read at several `asOf` moments; a past `asOf` answers the same after later events.
 */
describe.each(readModelTargets('clearance'))('clearance (存量清零、增量随清) on %s', (_label, env) => {
  let t: TestApp;
  const { post, get, unit, order, sign, ...steps } = hotlineSteps(() => t, { category: '物业管理', content: '小区电梯故障', reply: '已协调物业公司完成电梯维修' });
  let operator: string;
  let leader: string;
  let admin: string;
  const close = async (orderNo: string, unitId: string) => {
    const visited = await steps.close(orderNo, unitId);
    expect(visited.body.status).toBe('closed');
  };
  const at = (now: string) => t.setClock(now);
  const clearance = async (asOf: string): Promise<Report> => (await get(`/api/campaigns/QC-2026/clearance?asOf=${encodeURIComponent(asOf)}`, leader).expect(200)).body;
  const unitOf = (r: Report, id: string) => r.units.find((u) => u.unitId === id);
  let earlyAnswer: Report;

  beforeAll(async () => {
    t = await startApp({ ...env, CLOCK_START: '2026-02-02T09:00:00+08:00' });
    operator = t.token(['hotline_operator'], 'U-RX');
    leader = t.token(['leader'], 'U-QU');
    admin = t.token(['admin']);
    // February: the stock. S-1 and S-2 stay open past the baseline; S-3 is closed before it.
    await order('S-1', 'U-JD-01');
    await order('S-2', 'U-JD-01');
    await order('S-3', 'U-JD-02');
    await at('2026-02-02T10:00:00+08:00');
    await sign('S-1', 'U-JD-01');
    await sign('S-3', 'U-JD-02');
    await at('2026-02-10T10:00:00+08:00');
    await close('S-3', 'U-JD-02');
    await post('/api/campaigns', admin, { id: 'QC-2026', name: '2026年工单清仓见底专项行动', kinds: ['hotline'], baselineAt: '2026-03-01T00:00:00+08:00', targetAt: '2026-06-30T23:59:59+08:00' }).expect(201);
    // March (Mon 03-02): the increment.
    await at('2026-03-02T09:00:00+08:00');
    await order('I-1', 'U-JD-01');
    await order('I-2', 'U-JD-02');
    await order('I-3', 'U-JD-02');
    await order('I-5', 'U-JD-03');
    await at('2026-03-02T10:00:00+08:00');
    await sign('I-1', 'U-JD-01');
    await sign('I-2', 'U-JD-02');
    await post('/api/hotline/orders/I-5/return', unit('U-JD-03'), { reason: '该小区属北苑街道管辖' }).expect(200);
    await at('2026-03-02T11:00:00+08:00');
    await post('/api/hotline/orders/I-5/dispatch', operator, { unitId: 'U-JD-04' }).expect(200);
    await at('2026-03-02T12:00:00+08:00');
    await sign('I-5', 'U-JD-04');
    await at('2026-03-04T10:00:00+08:00');
    await close('I-1', 'U-JD-01'); // reply due Mon 03-09: on time
    await at('2026-03-05T12:00:00+08:00');
    earlyAnswer = await clearance('2026-03-05T12:00:00+08:00');
  });
  afterAll(async () => {
    await t.close();
    await dropSchema(env);
  });

  it('at 03-05: stock 2 open, increment 4 received, 1 cleared on time, 1 overdue (I-3 never signed)', async () => {
    expect(earlyAnswer.totals).toEqual({
      stock: { total: 2, cleared: 0, remaining: 2, rate: 0 },
      increment: { received: 4, cleared: 1, clearedOnTime: 1, open: 3, overdue: 1 },
      achieved: { stockCleared: false, incrementCleared: false },
    });
    expect(earlyAnswer.units.map((u) => u.unitId)).toEqual(['U-JD-01', 'U-JD-02', 'U-JD-04']);
    expect(unitOf(earlyAnswer, 'U-JD-01')).toMatchObject({
      stock: { total: 2, cleared: 0, remaining: 2 },
      increment: { received: 1, cleared: 1, clearedOnTime: 1, open: 0, overdue: 0 },
      achieved: { stockCleared: false, incrementCleared: true },
    });
    expect(unitOf(earlyAnswer, 'U-JD-02')).toMatchObject({ increment: { received: 2, cleared: 0, open: 2, overdue: 1 } });
    // I-5 was returned by 南湖 and redispatched to 北苑: it is 北苑's now.
    expect(unitOf(earlyAnswer, 'U-JD-04')).toMatchObject({ increment: { received: 1, open: 1, overdue: 0 } });
  });

  it('a case belongs to the unit handling it at asOf: at 10:30 on 03-02 I-5 was still 南湖’s', async () => {
    const r = await clearance('2026-03-02T10:30:00+08:00');
    expect(unitOf(r, 'U-JD-03')).toMatchObject({ increment: { received: 1, open: 1 } });
    expect(unitOf(r, 'U-JD-04')).toBeUndefined();
  });

  it('at 03-20: half the stock cleared, a late clearance, and overdue cases that were on time before', async () => {
    await at('2026-03-10T10:00:00+08:00');
    await close('S-1', 'U-JD-01');
    await at('2026-03-12T10:00:00+08:00');
    await close('I-2', 'U-JD-02'); // reply due 03-09: late
    await at('2026-03-16T09:00:00+08:00');
    await order('I-4', 'U-JD-01');
    await at('2026-03-20T12:00:00+08:00');
    const r = await clearance('2026-03-20T12:00:00+08:00');
    expect(r.totals).toEqual({
      stock: { total: 2, cleared: 1, remaining: 1, rate: 0.5 },
      // overdue: I-3 (never signed), I-4 (sign due 03-17), I-5 (reply due 03-09)
      increment: { received: 5, cleared: 2, clearedOnTime: 1, open: 3, overdue: 3 },
      achieved: { stockCleared: false, incrementCleared: false },
    });
    expect(unitOf(r, 'U-JD-02')).toMatchObject({ increment: { received: 2, cleared: 1, clearedOnTime: 0, open: 1, overdue: 1 } });
  });

  it('the answer for a past asOf is the same after later events', async () => {
    expect(await clearance('2026-03-05T12:00:00+08:00')).toEqual(earlyAnswer);
  });

  it('agrees, at every moment from the baseline on, with the case-by-case ledger (an independent path)', async () => {
    const service = t.app.get(ClearanceService);
    const start = Date.parse('2026-03-01T00:00:00+08:00');
    for (let at = start; at <= Date.parse('2026-03-20T12:00:00+08:00'); at += 7 * 3600_000 + 13 * 60_000) {
      const asOf = new Date(at).toISOString();
      const report = await service.clearance('QC-2026', asOf);
      const ledger = await service.ledger('QC-2026', asOf);
      const stock = ledger.filter((c) => c.part === '存量');
      const inc = ledger.filter((c) => c.part === '增量');
      const stockCleared = stock.filter((c) => c.clearedAt).length;
      expect({ asOf, stock: report.totals.stock, increment: report.totals.increment }).toEqual({
        asOf,
        stock: { total: stock.length, cleared: stockCleared, remaining: stock.length - stockCleared, rate: stock.length ? Math.round((stockCleared / stock.length) * 10_000) / 10_000 : 1 },
        increment: {
          received: inc.length,
          cleared: inc.filter((c) => c.clearedAt).length,
          clearedOnTime: inc.filter((c) => c.onTime === '是').length,
          open: inc.filter((c) => !c.clearedAt).length,
          overdue: inc.filter((c) => !c.clearedAt && c.overdue === '是').length,
        },
      });
    }
  });

  it('supervisors see their subtree; other roles get 403; asOf before the baseline is 422', async () => {
    const street = (await get('/api/campaigns/QC-2026/clearance?asOf=2026-03-20T12:00:00%2B08:00', t.token(['supervisor'], 'U-JD-01')).expect(200)).body as Report;
    expect(street.units.map((u) => u.unitId)).toEqual(['U-JD-01']);
    expect(street.totals.stock.total).toBe(2);
    await get('/api/campaigns/QC-2026/clearance', unit('U-JD-01')).expect(403);
    await get('/api/campaigns/QC-2026/clearance', t.token(['inspector'], 'U-JW')).expect(403);
    await get('/api/campaigns/QC-2026/clearance?asOf=2026-02-01T00:00:00%2B08:00', leader).expect(422);
    await get('/api/campaigns/NOPE/clearance', leader).expect(404);
  });

  it('campaigns: admin only, idempotent by id, validated', async () => {
    const body = { id: 'QC-2026', name: '2026年工单清仓见底专项行动', kinds: ['hotline'], baselineAt: '2026-03-01T00:00:00+08:00', targetAt: '2026-06-30T23:59:59+08:00' };
    await post('/api/campaigns', admin, body).expect(200);
    expect((await post('/api/campaigns', admin, { ...body, name: '另一个' }).expect(409)).body.code).toBe('DUPLICATE');
    await post('/api/campaigns', leader, { ...body, id: 'QC-X' }).expect(403);
    await post('/api/campaigns', admin, { ...body, id: 'QC-X', kinds: ['weather'] }).expect(400);
    await post('/api/campaigns', admin, { ...body, id: 'QC-X', targetAt: '2026-01-01T00:00:00+08:00' }).expect(422);
    await post('/api/campaigns', admin, { ...body, id: 'QC-X', unitIds: ['U-NOPE'] }).expect(404);
    expect((await get('/api/campaigns', leader).expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual(['QC-2026']);
  });

  it('exports the clearance table as CSV and the ledger (台账) as a workbook', async () => {
    const csv = await get('/api/campaigns/QC-2026/clearance.csv?asOf=2026-03-20T12:00:00%2B08:00', leader).expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 5)).toEqual(['单位编码', '单位名称', '存量总数', '存量已清', '存量剩余']);
    expect(lines[1].split(',').slice(0, 5)).toEqual(['U-JD-01', '东城街道', '2', '1', '1']);
    const wb = await downloadWorkbook(t.http, '/api/campaigns/QC-2026/clearance.xlsx?asOf=2026-03-20T12:00:00%2B08:00', leader);
    const ledger = wb.getWorksheet('台账')!;
    const ids: string[] = [];
    ledger.eachRow((row, n) => {
      if (n > 3) ids.push(String(row.getCell(2).value));
    });
    expect(ledger.getRow(4).getCell(1).value).toBe('12345工单');
    // Stock S-1, S-2 (S-3 was closed before the baseline) and the five increment orders.
    expect(ids.sort()).toEqual(['I-1', 'I-2', 'I-3', 'I-4', 'I-5', 'S-1', 'S-2']);
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.getRow(1).getCell(1).value).toBe('2026年工单清仓见底专项行动　存量清零、增量随清情况汇总');
    expect(String(summary.getRow(2).getCell(1).value)).toContain('时点：2026年3月20日 12:00（北京时间）');
    expect(summary.getRow(3).getCell(1).value).toBe('单位编码');
    expect(summary.getRow(summary.rowCount).getCell(1).value).toBe('合计');
    expect(summary.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '3:3' });
    expect(lines.at(-1)!.split(',')[0]).toBe('合计');
    expect(lines[0].split(',').indexOf('存量清零率')).toBeGreaterThan(0);
    expect(lines[1].split(',')[lines[0].split(',').indexOf('存量清零率')]).toMatch(/^\d+\.\d\d%$/);
  });
});
