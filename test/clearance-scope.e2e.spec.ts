import { TestApp, downloadWorkbook, startApp } from './support/app';
import { hotlineSteps } from './support/hotline';
import type { ClearanceFigures as Figures, ClearanceReport as Report } from '@qf/reporting';
import { csvRows, sheetText as sheetRows } from './support/exports';
import { dropSchema, readModelTargets } from './support/targets';

/**
 * SPEC §3.3, §6, §8: clue cases (问题线索) in a campaign's clearance reach only those who may read clues. A supervisor
 * or an admin gets the clearance without them — not in the totals, not as the discipline unit's row, not in the 台账 —
 * in JSON, CSV and workbook alike; the leader keeps them in the figures (statistics) but gets no clue case listed; a
 * caller who also holds `inspector` or `case_manager` sees them as before (docs/decisions.md).
 */
describe.each(readModelTargets('clearance_scope'))('clearance without clues for those who may not read them, on %s', (_label, env) => {
  let t: TestApp;
  const { post, get, order, sign, close } = hotlineSteps(() => t, { category: '市容环境', content: '路面垃圾长期无人清理', reply: '已安排环卫作业队完成垃圾清运并建立巡查机制' });
  const ASOF = '2026-03-03T12:00:00+08:00';
  const path = (suffix: string, extra = '') => `/api/campaigns/C1/clearance${suffix}?asOf=${encodeURIComponent(ASOF)}${extra}`;
  const inspector = () => t.token(['inspector'], 'U-JW');
  const register = async (allegations: string) =>
    (
      await post('/api/clues', inspector(), {
        source: 'inspection_tour',
        subjects: [{ name: '钱某', unitId: 'U-JD-01', rank: 'section', partyMember: true }],
        allegations,
        category: 'integrity',
      }).expect(201)
    ).body.id as string;
  const clueIds: string[] = [];

  beforeAll(async () => {
    t = await startApp({ ...env, CLOCK_START: '2026-02-24T09:00:00+08:00' });
    // February: the stock — an order of 东城 and a clue, both still open at the baseline.
    await order('F-01', 'U-JD-01');
    clueIds.push(await register('利用职务便利为亲属承揽工程提供帮助，涉嫌违反廉洁纪律。'));
    await post('/api/campaigns', t.token(['admin']), { id: 'C1', name: '清仓见底', kinds: ['hotline', 'petition', 'clue'], baselineAt: '2026-03-01T00:00:00+08:00', targetAt: '2026-06-30T23:59:59+08:00' }).expect(201);
    await post('/api/campaigns', t.token(['admin']), { id: 'C2', name: '问题线索清零', kinds: ['clue'], baselineAt: '2026-03-01T00:00:00+08:00', targetAt: '2026-06-30T23:59:59+08:00' }).expect(201);
    // March (Mon 03-02): the increment — orders of 东城 and 西城, a petition left with the bureau, two clues, one disposed of (了结).
    await t.setClock('2026-03-02T09:00:00+08:00');
    await order('M-01', 'U-JD-01');
    await order('M-02', 'U-JD-02');
    await post('/api/petitions', t.token(['petition_officer'], 'U-XF'), { channel: 'letter', petitioner: { name: '冯某' }, subject: '反映噪音', content: '夜间施工噪音扰民', category: '环保' }).expect(201);
    clueIds.push(await register('违规收受管理服务对象礼品礼金，涉嫌违反廉洁纪律。'));
    clueIds.push(await register('违规发放津贴补贴，涉嫌违反中央八项规定精神。'));
    await t.setClock('2026-03-02T10:00:00+08:00');
    await sign('M-01', 'U-JD-01');
    await sign('F-01', 'U-JD-01');
    await post(`/api/clues/${clueIds[2]}/disposition`, inspector(), { method: 'close', rationale: '反映问题失实，予以了结', approvedBy: '区纪委常委会' }).expect(200);
    await t.setClock('2026-03-03T10:00:00+08:00');
    await close('M-01', 'U-JD-01');
    await t.setClock(ASOF);
  });
  afterAll(async () => {
    await t.close();
    await dropSchema(env);
  });

  const withoutClues = () => ({ supervisor: t.token(['supervisor'], 'U-QU'), admin: t.token(['admin']) });
  const withClues = () => ({ 'supervisor and inspector': t.token(['supervisor', 'inspector'], 'U-QU'), 'admin and case manager': t.token(['admin', 'case_manager']) });
  const reportOf = async (token: string, extra = ''): Promise<Report> => (await get(path('', extra), token).expect(200)).body;
  const ledgerOf = async (token: string) => sheetRows(await downloadWorkbook(t.http, path('.xlsx'), token), '台账');
  /** The discipline unit's figures as a clue reader sees them: all of them clues. */
  const clueFigures = async () => (await reportOf(withClues()['supervisor and inspector'])).units.find((u) => u.unitId === 'U-JW')!;
  const minus = (a: Figures, b: Figures) => ({
    stock: { total: a.stock.total - b.stock.total, cleared: a.stock.cleared - b.stock.cleared },
    increment: Object.fromEntries(Object.entries(a.increment).map(([k, v]) => [k, v - b.increment[k as keyof Figures['increment']]])),
  });
  const countsOf = (f: Figures) => ({ stock: { total: f.stock.total, cleared: f.stock.cleared }, increment: f.increment });

  it('clue readers: the discipline unit counts the registered clues and the ledger lists them (unchanged)', async () => {
    for (const token of Object.values(withClues())) {
      const jw = (await reportOf(token)).units.find((u) => u.unitId === 'U-JW')!;
      expect(jw.stock).toEqual({ total: 1, cleared: 0, remaining: 1, rate: 0 });
      expect(jw.increment).toMatchObject({ received: 2, cleared: 1, clearedOnTime: 1, open: 1 });
      const ledger = await ledgerOf(token);
      for (const id of clueIds) expect(ledger.find((r) => r[1] === id)?.slice(0, 3)).toEqual(['问题线索', id, 'U-JW']);
      expect(csvRows((await get(path('.csv'), token).expect(200)).text).map((r) => r[0])).toContain('U-JW');
    }
  });

  it.each(['supervisor', 'admin'] as const)('clearance JSON for %s: no clue in the totals nor any unit, now and as known at a moment', async (role) => {
    const token = withoutClues()[role];
    const full = await reportOf(withClues()['supervisor and inspector']);
    const clues = await clueFigures();
    for (const extra of ['', `&knownAt=${encodeURIComponent(ASOF)}`]) {
      const report = await reportOf(token, extra);
      expect(report.units.map((u) => u.unitId)).toEqual(full.units.map((u) => u.unitId).filter((u) => u !== 'U-JW'));
      expect(report.units).toEqual(full.units.filter((u) => u.unitId !== 'U-JW'));
      expect(countsOf(report.totals)).toEqual(minus(full.totals, clues));
      // The stock: F-01 alone (the February clue is out); the increment: M-01, M-02 and the petition.
      expect(report.totals.stock.total).toBe(1);
      expect(report.totals.increment.received).toBe(3);
    }
  });

  it.each(['supervisor', 'admin'] as const)('clearance CSV and workbook for %s: no discipline-unit row, no clue case in the ledger', async (role) => {
    const token = withoutClues()[role];
    const json = await reportOf(token);
    const csv = (await get(path('.csv'), token).expect(200)).text;
    expect(csvRows(csv).slice(1, -1).map((r) => r[0])).toEqual(json.units.map((u) => u.unitId));
    expect(csvRows(csv).at(-1)!.slice(2, 3)).toEqual([String(json.totals.stock.total)]);
    const wb = await downloadWorkbook(t.http, path('.xlsx'), token);
    const summary = sheetRows(wb, '汇总').slice(3);
    expect(summary.map((r) => r[0])).toEqual([...json.units.map((u) => u.unitId), '合计']);
    const ledger = sheetRows(wb, '台账').slice(3);
    expect(ledger.map((r) => r[1]).sort()).toHaveLength(json.totals.stock.total + json.totals.increment.received);
    for (const out of [csv, JSON.stringify(sheetRows(wb, '汇总')), JSON.stringify(sheetRows(wb, '台账'))]) {
      expect(out).not.toContain('U-JW');
      expect(out).not.toContain('问题线索');
      for (const id of clueIds) expect(out).not.toContain(id);
    }
  });

  it('leader: clues counted in the figures (statistics), no clue case listed in the ledger', async () => {
    const leader = t.token(['leader'], 'U-QU');
    const report = await reportOf(leader);
    expect(report).toEqual(await reportOf(withClues()['supervisor and inspector']));
    expect(csvRows((await get(path('.csv'), leader).expect(200)).text).map((r) => r[0])).toContain('U-JW');
    const wb = await downloadWorkbook(t.http, path('.xlsx'), leader);
    expect(sheetRows(wb, '汇总').slice(3).map((r) => r[0])).toContain('U-JW');
    const ledger = sheetRows(wb, '台账');
    expect(ledger[1][0]).toContain('问题线索只计入汇总，不逐件列出');
    const rows = ledger.slice(3);
    expect(rows.map((r) => r[0])).not.toContain('问题线索');
    for (const id of clueIds) expect(JSON.stringify(ledger)).not.toContain(id);
    // Every other kind is listed in full: the ledger is the figures less the clues.
    const clues = await clueFigures();
    expect(rows).toHaveLength(report.totals.stock.total + report.totals.increment.received - clues.stock.total - clues.increment.received);
  });

  it('a campaign of clues alone: empty for supervisor and admin, counted but unlisted for the leader', async () => {
    const at = (suffix: string) => `/api/campaigns/C2/clearance${suffix}?asOf=${encodeURIComponent(ASOF)}`;
    const empty = { stock: { total: 0, cleared: 0, remaining: 0, rate: 1 }, increment: { received: 0, cleared: 0, clearedOnTime: 0, open: 0, overdue: 0 }, achieved: { stockCleared: true, incrementCleared: true } };
    for (const token of Object.values(withoutClues())) {
      expect((await get(at(''), token).expect(200)).body).toMatchObject({ totals: empty, units: [] });
      expect(csvRows((await get(at('.csv'), token).expect(200)).text).map((r) => r[0])).toEqual(['单位编码', '合计']);
      expect(sheetRows(await downloadWorkbook(t.http, at('.xlsx'), token), '台账').slice(3)).toEqual([]);
    }
    const leader = t.token(['leader'], 'U-QU');
    expect((await get(at(''), leader).expect(200)).body.totals.stock.total).toBe(1);
    expect(sheetRows(await downloadWorkbook(t.http, at('.xlsx'), leader), '台账').slice(3)).toEqual([]);
  });

  it('an inspector alone still has no clearance view (403)', async () => {
    for (const suffix of ['', '.csv', '.xlsx']) await get(path(suffix), inspector()).expect(403);
  });
});
