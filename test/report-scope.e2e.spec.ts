import { TestApp, downloadWorkbook, startApp } from './support/app';
import { hotlineSteps } from './support/hotline';
import type { ClearanceReport as Report } from '@qf/reporting';
import { cellText as text, csvRows, sheetRows } from './support/exports';
import { dropSchema, readModelTargets } from './support/targets';

interface LedgerRow {
  kind: string;
  caseId: string;
  unitId: string;
  part: string;
  clearedAt: string;
  onTime: string;
  overdue: string;
}

const CALLER = { name: '王小二', phone: '13900001111' };

/**
 * SPEC §6, §8: every view and export holds only what the caller may read — clearance JSON, CSV and both sheets of the
 * workbook scoped to the caller's subtree (the ledger attributed to units exactly as the summary is); rankings are
 * district-wide comparisons, the same table for every permitted role, and their exports hold exactly the JSON rows.
 */
describe.each(readModelTargets('report_scope'))('report and export scope on %s', (_label, env) => {
  let t: TestApp;
  const { post, get, unit, order, sign, close } = hotlineSteps(() => t, { category: '物业管理', content: '小区电梯故障', reply: '已协调物业公司完成电梯维修', caller: CALLER });
  const ASOF = '2026-03-12T12:00:00+08:00';
  const path = (suffix: string) => `/api/campaigns/QS/clearance${suffix}?asOf=${encodeURIComponent(ASOF)}`;
  const roles = () => ({
    leader: t.token(['leader'], 'U-QU'),
    admin: t.token(['admin']),
    street: t.token(['supervisor'], 'U-JD-01'),
  });
  let petitionUnassigned: string;
  let petitionAssigned: string;
  let clueId: string;

  beforeAll(async () => {
    t = await startApp({ ...env, CLOCK_START: '2026-02-24T09:00:00+08:00' });
    const officer = t.token(['petition_officer'], 'U-XF');
    // February: the stock — one order of 东园社区 (under 东城), one of 西城.
    await order('S-0101', 'U-JD-01-01');
    await order('S-02', 'U-JD-02');
    await post('/api/campaigns', t.token(['admin']), { id: 'QS', name: '范围测试', kinds: ['hotline', 'petition', 'clue'], baselineAt: '2026-03-01T00:00:00+08:00', targetAt: '2026-06-30T23:59:59+08:00' }).expect(201);
    // March (Mon 03-02): orders of 东城, 东园社区, 西城 and 南湖, a petition left with the bureau, one assigned to 西城, and a clue.
    await t.setClock('2026-03-02T09:00:00+08:00');
    for (const [no, u] of [['H-01', 'U-JD-01'], ['H-0101', 'U-JD-01-01'], ['H-02', 'U-JD-02'], ['H-03', 'U-JD-03']]) await order(no, u);
    petitionUnassigned = (await post('/api/petitions', officer, { channel: 'letter', petitioner: { name: '冯某' }, subject: '反映噪音', content: '夜间施工噪音扰民', category: '环保' }).expect(201)).body.id;
    petitionAssigned = (await post('/api/petitions', officer, { channel: 'visit', petitioner: { name: '陈某' }, subject: '反映路灯', content: '路灯长期不亮', category: '城建' }).expect(201)).body.id;
    await post(`/api/petitions/${petitionAssigned}/assign`, officer, { unitId: 'U-JD-02', mode: 'assign' }).expect(200);
    clueId = (
      await post('/api/clues', t.token(['inspector'], 'U-JW'), {
        source: 'inspection_tour',
        subjects: [{ name: '孙某', unitId: 'U-JD-01', rank: 'general', partyMember: false }],
        allegations: '违规收受管理服务对象礼品礼金，涉嫌违反廉洁纪律。',
        category: 'integrity',
      }).expect(201)
    ).body.id;
    await t.setClock('2026-03-02T10:00:00+08:00');
    await sign('H-01', 'U-JD-01');
    await sign('H-02', 'U-JD-02');
    await sign('S-0101', 'U-JD-01-01');
    await t.setClock('2026-03-04T10:00:00+08:00');
    await close('H-01', 'U-JD-01');
    await close('S-0101', 'U-JD-01-01');
    await t.setClock('2026-03-12T10:00:00+08:00');
    await close('H-02', 'U-JD-02'); // reply limit Mon 03-09: late
    await t.setClock(ASOF);
  });
  afterAll(async () => {
    await t.close();
    await dropSchema(env);
  });

  const everyUnit = ['U-JD-01', 'U-JD-01-01', 'U-JD-02', 'U-JD-03', 'U-JW', 'U-XF'];
  const scopes: Array<[keyof ReturnType<typeof roles>, string[]]> = [
    ['leader', everyUnit],
    // Clues are for inspectors and case managers alone (SPEC §3.3): not even the discipline unit's row for an admin.
    ['admin', everyUnit.filter((u) => u !== 'U-JW')],
    ['street', ['U-JD-01', 'U-JD-01-01']],
  ];

  it.each(scopes)('clearance JSON for %s: only the units of its scope', async (role, units) => {
    const report = (await get(path(''), roles()[role]).expect(200)).body as Report;
    expect(report.units.map((u) => u.unitId)).toEqual(units);
    if (role === 'street') {
      // 东城: H-01 (cleared on time); 东园社区: stock S-0101 (cleared), H-0101 (never signed: overdue).
      expect(report.totals).toEqual({
        stock: { total: 1, cleared: 1, remaining: 0, rate: 1 },
        increment: { received: 2, cleared: 1, clearedOnTime: 1, open: 1, overdue: 1 },
        achieved: { stockCleared: true, incrementCleared: false },
      });
    }
  });

  it.each(scopes)('clearance CSV for %s: the rows of the JSON view, no personal data', async (role, units) => {
    const res = await get(path('.csv'), roles()[role]).expect(200);
    const json = (await get(path(''), roles()[role]).expect(200)).body as Report;
    const rows = csvRows(res.text).slice(1, -1);
    expect(csvRows(res.text).at(-1)![0]).toBe('合计');
    expect(rows.map((r) => r[0])).toEqual(units);
    expect(rows.map((r) => r.slice(0, 5))).toEqual(json.units.map((u) => [u.unitId, u.unitName, String(u.stock.total), String(u.stock.cleared), String(u.stock.remaining)]));
    expect(res.text).not.toContain(CALLER.name);
    expect(res.text).not.toContain(CALLER.phone);
  });

  it.each(scopes)('clearance workbook for %s: both sheets scoped; the ledger reconciles with the summary unit by unit', async (role, units) => {
    const wb = await downloadWorkbook(t.http, path('.xlsx'), roles()[role]);
    const json = (await get(path(''), roles()[role]).expect(200)).body as Report;
    // Under a title and the moment: the header is the third row.
    expect(sheetRows(wb, '汇总')[2][0]).toBe('单位编码');
    const summary = sheetRows(wb, '汇总').slice(3);
    expect(summary.slice(0, units.length).map((r) => r[0])).toEqual(units);
    expect(summary[units.length][0]).toBe('合计');
    const KIND_OF: Record<string, string> = { '12345工单': 'hotline', 信访件: 'petition', 问题线索: 'clue' };
    const ledger: LedgerRow[] = sheetRows(wb, '台账')
      .slice(3)
      .map((r) => ({ kind: KIND_OF[text(r[0])] ?? text(r[0]), caseId: text(r[1]), unitId: text(r[2]), part: text(r[4]), clearedAt: text(r[6]), onTime: text(r[7]), overdue: text(r[8]) }));
    const ids = ledger.map((c) => c.caseId).sort();
    if (role === 'street') {
      expect(ids).toEqual(['H-01', 'H-0101', 'S-0101']);
      for (const other of ['H-02', 'H-03', 'S-02', petitionUnassigned, petitionAssigned, clueId]) expect(ids).not.toContain(other);
    } else {
      expect(ids).toEqual(['H-01', 'H-0101', 'H-02', 'H-03', 'S-0101', 'S-02', petitionAssigned, petitionUnassigned].sort());
      // No clue case listed, not even for the leader, whose summary still counts them (docs/decisions.md).
      expect(ledger.filter((c) => c.kind === 'clue')).toEqual([]);
      // A null unit is attributed as the summary attributes it: the unassigned petition to the bureau.
      expect(ledger.find((c) => c.caseId === petitionUnassigned)!.unitId).toBe('U-XF');
    }
    // The leader's summary counts the clues for the discipline unit; its ledger lists none of them.
    const listed = role === 'leader' ? units.filter((u) => u !== 'U-JW') : units;
    expect([...new Set(ledger.map((c) => c.unitId))].sort()).toEqual(listed);
    for (const u of json.units.filter((x) => listed.includes(x.unitId))) {
      const mine = ledger.filter((c) => c.unitId === u.unitId);
      const stock = mine.filter((c) => c.part === '存量');
      const inc = mine.filter((c) => c.part === '增量');
      expect({
        unitId: u.unitId,
        stock: { total: stock.length, cleared: stock.filter((c) => c.clearedAt).length },
        increment: {
          received: inc.length,
          cleared: inc.filter((c) => c.clearedAt).length,
          clearedOnTime: inc.filter((c) => c.onTime === '是').length,
          open: inc.filter((c) => !c.clearedAt).length,
          overdue: inc.filter((c) => !c.clearedAt && c.overdue === '是').length,
        },
      }).toEqual({ unitId: u.unitId, stock: { total: u.stock.total, cleared: u.stock.cleared }, increment: u.increment });
    }
    const buffer = JSON.stringify([sheetRows(wb, '汇总'), sheetRows(wb, '台账')]);
    expect(buffer).not.toContain(CALLER.name);
    expect(buffer).not.toContain(CALLER.phone);
  });

  it('clearance and its exports: 403 for unit handlers, inspectors and a supervisor without a unit', async () => {
    for (const token of [unit('U-JD-01'), t.token(['inspector'], 'U-JW'), t.token(['supervisor'], null)]) {
      for (const suffix of ['', '.csv', '.xlsx']) await get(path(suffix), token).expect(403);
    }
  });

  const rankingColumns = ['rank', 'unitId', 'unitName', 'score', 'dispatched', 'responseRate', 'onTimeRate', 'resolutionRate', 'satisfactionRate', 'replied', 'visited', 'overdue', 'reopened', 'previousRank', 'rankChange'];

  it.each([['leader'], ['admin'], ['street']] as const)('ranking CSV and workbook for %s hold exactly the rows of the JSON view (the whole district)', async (role) => {
    const token = roles()[role];
    const query = 'month=2026-03&kind=hotline';
    const json = (await get(`/api/reports/monthly-ranking?${query}`, token).expect(200)).body as { rows: Array<Record<string, unknown>> };
    const leaderRows = (await get(`/api/reports/monthly-ranking?${query}`, roles().leader).expect(200)).body.rows;
    expect(json.rows).toEqual(leaderRows);
    expect(json.rows.map((r) => r.unitId)).toEqual(expect.arrayContaining(['U-JD-01', 'U-JD-02', 'U-JD-03']));
    // The CSV shows rates as percentages (two decimals) and ends with a 合计 row; the workbook keeps the numbers
    // (formatted as percentages) under a two-line title.
    const asCsv = (c: string, v: unknown) => (c.endsWith('Rate') && typeof v === 'number' ? `${(v * 100).toFixed(2)}%` : text(v));
    const csv = await get(`/api/reports/monthly-ranking.csv?${query}`, token).expect(200);
    expect(csvRows(csv.text).slice(1, -1).map((r) => r.slice(0, rankingColumns.length))).toEqual(json.rows.map((r) => rankingColumns.map((c) => asCsv(c, r[c]))));
    expect(csvRows(csv.text).at(-1)![0]).toBe('合计');
    const wb = await downloadWorkbook(t.http, `/api/reports/monthly-ranking.xlsx?${query}`, token);
    expect(sheetRows(wb, '排名').slice(3, -1).map((r) => rankingColumns.map((_c, i) => text(r[i])))).toEqual(json.rows.map((r) => rankingColumns.map((c) => text(r[c]))));
    for (const out of [csv.text, JSON.stringify(sheetRows(wb, '排名')), JSON.stringify(sheetRows(wb, '说明'))]) {
      expect(out).not.toContain(CALLER.name);
      expect(out).not.toContain(CALLER.phone);
      expect(out).not.toContain('H-01');
    }
  });

  it('rankings and their exports: 403 for unit handlers and inspectors', async () => {
    for (const token of [unit('U-JD-01'), t.token(['inspector'], 'U-JW')]) {
      for (const suffix of ['', '.csv', '.xlsx']) await get(`/api/reports/monthly-ranking${suffix}?month=2026-03`, token).expect(403);
    }
  });
});
