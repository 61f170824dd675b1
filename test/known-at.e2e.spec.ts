import { type ClearanceReport as Report, ClearanceService, RankingPublisher } from '@qf/reporting';
import { SchedulerService } from '@qf/supervision';
import { TestApp, startApp } from './support/app';
import { hotlineSteps } from './support/hotline';
import { dropSchema, readModelTargets } from './support/targets';

interface Row {
  unitId: string;
  score: number | null;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
  [field: string]: unknown;
}
interface Ranking {
  rows: Row[];
  generatedAt: string;
  knownAt?: string;
  published: boolean;
}

const q = (s: string) => encodeURIComponent(s);

/**
 * SPEC §3 `knownAt` on clearance (§6): an answer for a past (asOf, knownAt) pair never changes — not when a backdated
 * import arrives, nor when later commands close or redispatch existing cases — while without knownAt the answer shows
 * the correction.
 */
describe.each(readModelTargets('knownat_clearance'))('clearance as known at a moment, on %s', (_label, env) => {
  let t: TestApp;
  const { post, get, unit, order, sign, close } = hotlineSteps(() => t, { category: '物业管理', content: '小区电梯故障', reply: '已协调物业公司完成电梯维修' });
  let operator: string;
  let leader: string;
  const clearance = async (asOf: string, knownAt?: string): Promise<Report> =>
    (await get(`/api/campaigns/QK/clearance?asOf=${q(asOf)}${knownAt ? `&knownAt=${q(knownAt)}` : ''}`, leader).expect(200)).body;
  const unitOf = (r: Report, id: string) => r.units.find((u) => u.unitId === id);
  const K1 = '2026-03-05T12:00:00+08:00';
  const LATER = '2026-03-06T12:00:00+08:00';
  const PAST_DUE = '2026-03-10T12:00:00+08:00';
  let atK1: Report;
  let laterAtK1: Report;
  let pastDueAtK1: Report;

  beforeAll(async () => {
    t = await startApp({ ...env, CLOCK_START: '2026-02-02T09:00:00+08:00' });
    operator = t.token(['hotline_operator'], 'U-RX');
    leader = t.token(['leader'], 'U-QU');
    // February: S-1 is the stock.
    await order('S-1', 'U-JD-01');
    await t.setClock('2026-02-02T10:00:00+08:00');
    await sign('S-1', 'U-JD-01');
    await post('/api/campaigns', t.token(['admin']), { id: 'QK', name: '知悉时点测试', kinds: ['hotline'], baselineAt: '2026-03-01T00:00:00+08:00', targetAt: '2026-06-30T23:59:59+08:00' }).expect(201);
    // March (Mon 03-02): A-1 closed on time before K1, A-2 open, A-3 returned by 南湖 (redispatched only after K1).
    await t.setClock('2026-03-02T09:00:00+08:00');
    await order('A-1', 'U-JD-01');
    await order('A-2', 'U-JD-02');
    await order('A-3', 'U-JD-03');
    await t.setClock('2026-03-02T10:00:00+08:00');
    await sign('A-1', 'U-JD-01');
    await sign('A-2', 'U-JD-02');
    await post('/api/hotline/orders/A-3/return', unit('U-JD-03'), { reason: '该小区属北苑街道管辖' }).expect(200);
    await t.setClock('2026-03-04T10:00:00+08:00');
    await close('A-1', 'U-JD-01');
    await t.setClock(K1);
    atK1 = await clearance(K1, K1);
    laterAtK1 = await clearance(LATER, K1);
    // Now, after K1: S-1 and A-2 closed, A-3 redispatched to 北苑, and a backdated import B-1 (dispatched 03-03, never signed).
    await t.setClock('2026-03-06T10:00:00+08:00');
    await close('S-1', 'U-JD-01');
    await close('A-2', 'U-JD-02');
    await post('/api/hotline/orders/A-3/dispatch', operator, { unitId: 'U-JD-04' }).expect(200);
    await t.setClock('2026-03-06T11:00:00+08:00');
    await order('B-1', 'U-JD-02', { dispatchedAt: '2026-03-03T09:00:00+08:00' });
    await t.setClock(LATER);
  });
  afterAll(async () => {
    await t.close();
    await dropSchema(env);
  });

  it('at (K1, K1): the hand-computed figures', () => {
    expect(atK1.knownAt).toBe('2026-03-05T12:00:00.000+08:00');
    expect(atK1.totals).toEqual({
      stock: { total: 1, cleared: 0, remaining: 1, rate: 0 },
      increment: { received: 3, cleared: 1, clearedOnTime: 1, open: 2, overdue: 0 },
      achieved: { stockCleared: false, incrementCleared: true },
    });
    expect(atK1.units.map((u) => [u.unitId, u.stock.total, u.increment.received, u.increment.cleared, u.increment.open])).toEqual([
      ['U-JD-01', 1, 1, 1, 0],
      ['U-JD-02', 0, 1, 0, 1],
      ['U-JD-03', 0, 1, 0, 1],
    ]);
  });

  it('the same (asOf, knownAt) answers the same after a backdated import and later commands', async () => {
    expect(await clearance(K1, K1)).toEqual(atK1);
    expect(await clearance(LATER, K1)).toEqual(laterAtK1);
  });

  it('without knownAt the past asOf shows the backdated import as a correction', async () => {
    const corrected = await clearance(K1);
    expect(corrected.knownAt).toBeUndefined();
    // B-1 was dispatched 03-03 09:00 to 西城; its sign limit ended Wed 03-04: overdue at K1.
    expect(corrected.totals.increment).toEqual({ received: 4, cleared: 1, clearedOnTime: 1, open: 3, overdue: 1 });
    expect(unitOf(corrected, 'U-JD-02')!.increment).toEqual({ received: 2, cleared: 0, clearedOnTime: 0, open: 2, overdue: 1 });
    // Known at a moment after the import, it shows too.
    expect((await clearance(K1, LATER)).totals).toEqual(corrected.totals);
  });

  it('a close or redispatch recorded after knownAt does not count, though it happened before asOf', async () => {
    // As known at K1, on 03-06 12:00: S-1 not cleared (its close was recorded at 10:00 on 03-06), A-3 still 南湖's.
    expect(laterAtK1.totals).toEqual({
      stock: { total: 1, cleared: 0, remaining: 1, rate: 0 },
      increment: { received: 3, cleared: 1, clearedOnTime: 1, open: 2, overdue: 0 },
      achieved: { stockCleared: false, incrementCleared: true },
    });
    expect(unitOf(laterAtK1, 'U-JD-03')!.increment.received).toBe(1);
    expect(unitOf(laterAtK1, 'U-JD-04')).toBeUndefined();
    // What is known now about 03-06 12:00: S-1 and A-2 cleared (on time), A-3 北苑's, B-1 overdue.
    const now = await clearance(LATER);
    expect(now.totals).toEqual({
      stock: { total: 1, cleared: 1, remaining: 0, rate: 1 },
      increment: { received: 4, cleared: 2, clearedOnTime: 2, open: 2, overdue: 1 },
      achieved: { stockCleared: true, incrementCleared: false },
    });
    expect(unitOf(now, 'U-JD-04')!.increment.received).toBe(1);
    expect(unitOf(now, 'U-JD-03')).toBeUndefined();
  });

  it('asOf after knownAt: what was known at knownAt about asOf (a deadline met later still looks missed)', async () => {
    await t.setClock(PAST_DUE);
    pastDueAtK1 = await clearance(PAST_DUE, K1);
    // As known at K1, A-2's reply (due Mon 03-09) was pending: overdue on 03-10. A-3 was returned: nothing pending.
    expect(pastDueAtK1.totals.increment).toEqual({ received: 3, cleared: 1, clearedOnTime: 1, open: 2, overdue: 1 });
    expect(unitOf(pastDueAtK1, 'U-JD-02')!.increment.overdue).toBe(1);
    // As known now: A-2 was closed on 03-06; A-3 (北苑, sign due 03-09) and B-1 are overdue.
    const now = await clearance(PAST_DUE);
    expect(now.totals.increment).toEqual({ received: 4, cleared: 2, clearedOnTime: 2, open: 2, overdue: 2 });
    expect(unitOf(now, 'U-JD-04')!.increment.overdue).toBe(1);
  });

  it('a knownAt after now means now; the ledger as known at knownAt agrees with the summary', async () => {
    expect(await clearance(PAST_DUE, K1)).toEqual(pastDueAtK1);
    const future = await clearance(LATER, '2027-01-01T00:00:00+08:00');
    expect(future.knownAt).toBe('2026-03-10T12:00:00.000+08:00');
    expect(future.totals).toEqual((await clearance(LATER)).totals);
    const service = t.app.get(ClearanceService);
    for (const [asOf, knownAt] of [
      [K1, K1],
      [LATER, K1],
      [PAST_DUE, K1],
      [K1, LATER],
    ]) {
      const report = await service.clearance('QK', asOf, undefined, knownAt);
      const ledger = await service.ledger('QK', asOf, undefined, knownAt);
      const inc = ledger.filter((c) => c.part === '增量');
      const stock = ledger.filter((c) => c.part === '存量');
      expect({ asOf, knownAt, stock: stock.length, stockCleared: stock.filter((c) => c.clearedAt).length, received: inc.length, cleared: inc.filter((c) => c.clearedAt).length, overdue: inc.filter((c) => !c.clearedAt && c.overdue === '是').length }).toEqual({
        asOf,
        knownAt,
        stock: report.totals.stock.total,
        stockCleared: report.totals.stock.cleared,
        received: report.totals.increment.received,
        cleared: report.totals.increment.cleared,
        overdue: report.totals.increment.overdue,
      });
    }
    await get(`/api/campaigns/QK/clearance?knownAt=yesterday`, leader).expect(400);
    // The campaign was created on 02-02 at 10:00: as known before, it did not exist.
    await get(`/api/campaigns/QK/clearance?asOf=${q(K1)}&knownAt=${q('2026-02-02T09:30:00+08:00')}`, leader).expect(404);
  });

  it('as known now, the case-by-case path answers what the fast path (day cells) answers, at every asOf', async () => {
    for (let at = Date.parse('2026-03-01T00:00:00+08:00'); at <= Date.parse(PAST_DUE); at += 5 * 3600_000 + 17 * 60_000) {
      const asOf = new Date(at).toISOString();
      const { knownAt: _k, ...known } = await clearance(asOf, PAST_DUE);
      expect(known).toEqual(await clearance(asOf));
    }
  });
});

/**
 * SPEC §3 `knownAt` on the monthly rankings (§7), all three kinds: only facts recorded by knownAt count, knownAt is
 * the present for "its due time has passed", previous ranks come from the previous month's ranking as published by
 * knownAt (else its live ranking as known then), and a published ranking is 404 as known before its publication.
 */
describe.each(readModelTargets('knownat_ranking'))('rankings as known at a moment, on %s', (_label, env) => {
  let t: TestApp;
  const { post, get, unit, order, sign, reply, visit } = hotlineSteps(() => t, { category: '市政设施', content: '路灯不亮', reply: '已安排维修人员更换灯具并恢复照明' });
  let operator: string;
  let officer: string;
  let leader: string;
  const ranking = async (query: string): Promise<Ranking> => (await get(`/api/reports/monthly-ranking?${query}`, leader).expect(200)).body;
  const table = (r: Ranking) => r.rows.map((x) => [x.unitId, x.dispatched, x.score, x.rank, x.previousRank, x.rankChange]);
  const drain = async () => {
    await t.app.get(SchedulerService).scheduler.drain();
    await t.app.get(RankingPublisher).idle();
  };
  const K0 = '2026-03-01T01:30:00+08:00';
  const K1 = '2026-03-05T12:00:00+08:00';
  const LATER = '2026-03-06T12:00:00+08:00';
  let marchK0: Ranking;
  let marchK1: Ranking;
  let petitionK1: Ranking;
  let supervisionK1: Ranking;
  let petitionId: string;

  beforeAll(async () => {
    t = await startApp({ ...env, CLOCK_START: '2026-02-02T09:00:00+08:00' });
    operator = t.token(['hotline_operator'], 'U-RX');
    officer = t.token(['petition_officer'], 'U-XF');
    leader = t.token(['leader'], 'U-QU');
    // February: 东城's S-1 signed in time; 西城's F-2 (Sat 02-28, a make-up working day; sign limit Mon 03-02) is signed
    // in time only after K0.
    await order('S-1', 'U-JD-01');
    await t.setClock('2026-02-02T10:00:00+08:00');
    await sign('S-1', 'U-JD-01');
    await t.setClock('2026-02-28T10:00:00+08:00');
    await order('F-2', 'U-JD-02');
    // Sunday 03-01, before February's publication at 02:00: three March orders, signed at once.
    await t.setClock('2026-03-01T01:00:00+08:00');
    for (const [no, u] of [['E-1', 'U-JD-01'], ['E-2', 'U-JD-02'], ['E-3', 'U-JD-03']]) await order(no, u);
    await t.setClock('2026-03-01T01:10:00+08:00');
    for (const [no, u] of [['E-1', 'U-JD-01'], ['E-2', 'U-JD-02'], ['E-3', 'U-JD-03']]) await sign(no, u);
    await t.setClock(K0);
    await drain();
    marchK0 = await ranking(`month=2026-03&knownAt=${q(K0)}`);
    await t.setClock('2026-03-01T01:45:00+08:00');
    await sign('F-2', 'U-JD-02');
    // Mon 03-02 09:00: February is published now (the first clock move past 02:00 on the 1st).
    await t.setClock('2026-03-02T09:00:00+08:00');
    await drain();
    await order('M-1', 'U-JD-04'); // never signed by K1: its sign limit ends Tue 03-03
    await order('X-1', 'U-BM-CG'); // reply limit Mon 03-09; an extension is approved only after it passed
    const petition = await post('/api/petitions', officer, { channel: 'letter', petitioner: { name: '冯某' }, subject: '反映小区路灯', content: '路灯长期不亮', category: '城建' }).expect(201);
    petitionId = petition.body.id;
    await post(`/api/petitions/${petitionId}/assign`, officer, { unitId: 'U-JD-02', mode: 'assign' }).expect(200);
    await t.setClock('2026-03-02T10:00:00+08:00');
    await post(`/api/petitions/${petitionId}/accept`, unit('U-JD-02')).expect(200);
    await sign('X-1', 'U-BM-CG');
    await t.setClock('2026-03-04T10:00:00+08:00');
    await reply('E-1', 'U-JD-01');
    await visit('E-1', 'satisfied', true);
    await t.setClock(K1);
    await drain();
    marchK1 = await ranking(`month=2026-03&knownAt=${q(K1)}`);
    petitionK1 = await ranking(`month=2026-03&kind=petition&knownAt=${q(K1)}`);
    supervisionK1 = await ranking(`month=2026-03&kind=supervision&knownAt=${q(K1)}`);
    // After K1: M-1 signed late, E-2 replied and visited (unsatisfied), the petition replied and closed, and two
    // backdated imports: B-1 to 南湖 (dispatched 03-03, never signed) and F-LATE to 东城 in February (never signed).
    await t.setClock('2026-03-06T10:00:00+08:00');
    await sign('M-1', 'U-JD-04');
    await reply('E-2', 'U-JD-02');
    await visit('E-2', 'unsatisfied', false);
    await post(`/api/petitions/${petitionId}/reply`, unit('U-JD-02'), { result: 'supported', opinion: '已安排维修路灯，现已恢复照明。' }).expect(200);
    await post(`/api/petitions/${petitionId}/close`, officer).expect(200);
    await t.setClock('2026-03-06T11:00:00+08:00');
    await order('B-1', 'U-JD-03', { dispatchedAt: '2026-03-03T09:00:00+08:00' });
    await order('F-LATE', 'U-JD-01', { dispatchedAt: '2026-02-10T09:00:00+08:00' });
    await t.setClock(LATER);
    await drain();
  });
  afterAll(async () => {
    await t.close();
    await dropSchema(env);
  });

  it('hotline at K1: hand-computed, previous ranks from February as published by then', () => {
    expect(marchK1.knownAt).toBe('2026-03-05T12:00:00.000+08:00');
    expect(marchK1.generatedAt).toBe('2026-03-05T12:00:00.000+08:00');
    expect(table(marchK1)).toEqual([
      // E-1: signed, replied and visited (satisfied, resolved) → 100; E-2, E-3, X-1 signed in time → 100 on the response rate.
      ['U-BM-CG', 1, 100, 1, null, null],
      ['U-JD-01', 1, 100, 1, 1, 0],
      ['U-JD-02', 1, 100, 1, 1, 0],
      ['U-JD-03', 1, 100, 1, null, null],
      // M-1 unsigned and past its limit (Tue 03-03) at K1: 0 of 1.
      ['U-JD-04', 1, 0, 5, null, null],
    ]);
    expect(marchK1.rows.find((r) => r.unitId === 'U-JD-02')).toMatchObject({ replied: 0, visited: 0, onTimeRate: null, satisfactionRate: null, overdue: 0 });
    expect(marchK1.rows.find((r) => r.unitId === 'U-JD-04')).toMatchObject({ responseRate: 0, overdue: 1 });
  });

  it('hotline at K0, before February was published: previous ranks from February live as known then', () => {
    // At K0 西城's F-2 was neither signed nor due: February had 西城 unranked, so no previous rank.
    expect(table(marchK0)).toEqual([
      ['U-JD-01', 1, 100, 1, 1, 0],
      ['U-JD-02', 1, 100, 1, null, null],
      ['U-JD-03', 1, 100, 1, null, null],
    ]);
  });

  it('the same (month, knownAt) answers identically after backdated imports and later commands', async () => {
    expect(await ranking(`month=2026-03&knownAt=${q(K1)}`)).toEqual(marchK1);
    expect(await ranking(`month=2026-03&knownAt=${q(K0)}`)).toEqual(marchK0);
    expect(await ranking(`month=2026-03&kind=petition&knownAt=${q(K1)}`)).toEqual(petitionK1);
    expect(await ranking(`month=2026-03&kind=supervision&knownAt=${q(K1)}`)).toEqual(supervisionK1);
  });

  it('without knownAt the live ranking shows the corrections', async () => {
    const live = await ranking('month=2026-03');
    expect(live.knownAt).toBeUndefined();
    expect(table(live)).toEqual([
      ['U-BM-CG', 1, 100, 1, null, null],
      ['U-JD-01', 1, 100, 1, 1, 0],
      // E-3 signed in time, B-1 unsigned past its limit: 1 of 2.
      ['U-JD-03', 2, 50, 3, null, null],
      // E-2: response 1, resolution 0, satisfaction 0: 100 × 0.30 = 30.
      ['U-JD-02', 1, 30, 4, 1, -3],
      // M-1 signed late: 0 of 1.
      ['U-JD-04', 1, 0, 5, null, null],
    ]);
    // February as known now has F-LATE (东城 1 of 2); the published February, which March's previous ranks use, does not.
    const february = await ranking(`month=2026-02&knownAt=${q(LATER)}`);
    expect(table(february)).toEqual([
      ['U-JD-02', 1, 100, 1, null, null],
      ['U-JD-01', 2, 50, 2, null, null],
    ]);
  });

  it('petitions at K1: accepted in time, not replied, not closed; now replied in time and closed', async () => {
    expect(petitionK1.rows).toEqual([expect.objectContaining({ unitId: 'U-JD-02', assigned: 1, acceptOnTimeRate: 1, handleOnTimeRate: null, closeRate: 0, replied: 0, closed: 0, score: 50, rank: 1 })]);
    const live = await ranking('month=2026-03&kind=petition');
    expect(live.rows).toEqual([expect.objectContaining({ unitId: 'U-JD-02', assigned: 1, acceptOnTimeRate: 1, handleOnTimeRate: 1, closeRate: 1, replied: 1, closed: 1, score: 100, rank: 1 })]);
  });

  it('supervision at K1: deadlines met or past due by K1, escalations recorded by K1', async () => {
    // 北苑: M-1's sign limit (03-03) missed. 东城: E-1's sign and reply limits met in time.
    expect(supervisionK1.rows.find((r) => r.unitId === 'U-JD-04')).toMatchObject({ deadlinesDue: 1, overdue: 1, onTimeRate: 0 });
    expect(supervisionK1.rows.find((r) => r.unitId === 'U-JD-01')).toMatchObject({ deadlinesDue: 2, overdue: 0, onTimeRate: 1 });
    // 南湖: E-3's sign limit met; B-1 unknown at K1.
    expect(supervisionK1.rows.find((r) => r.unitId === 'U-JD-03')).toMatchObject({ deadlinesDue: 1, overdue: 0, onTimeRate: 1, warnings: 0 });
    const live = await ranking('month=2026-03&kind=supervision');
    // Now B-1's sign limit (03-04) is known missed, and its escalations (fired at 03-06 11:00) count.
    expect(live.rows.find((r) => r.unitId === 'U-JD-03')).toMatchObject({ deadlinesDue: 2, overdue: 1, onTimeRate: 0.5 });
    expect((live.rows.find((r) => r.unitId === 'U-JD-03')!.warnings as number) > 0).toBe(true);
  });

  it('a published ranking is 404 as known before its publication, and frozen after it', async () => {
    await get(`/api/reports/monthly-ranking?month=2026-02&published=true&knownAt=${q('2026-03-02T08:59:00+08:00')}`, leader).expect(404);
    const frozen = await ranking('month=2026-02&published=true');
    expect(table(frozen)).toEqual([
      ['U-JD-01', 1, 100, 1, null, null],
      ['U-JD-02', 1, 100, 1, null, null],
    ]);
    expect(await ranking(`month=2026-02&published=true&knownAt=${q('2026-03-02T09:00:00+08:00')}`)).toEqual(frozen);
    expect(await ranking(`month=2026-02&published=true&knownAt=${q(LATER)}`)).toEqual(frozen);
  });

  it('exports hold the rows of the JSON view for the same knownAt', async () => {
    const csv = await get(`/api/reports/monthly-ranking.csv?month=2026-03&knownAt=${q(K1)}`, leader).expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1, -1);
    expect(lines.map((l) => l.split(',').slice(0, 4))).toEqual(marchK1.rows.map((r) => [String(r.rank), r.unitId, r.unitName, String(r.score)]));
    await get(`/api/reports/monthly-ranking?month=2026-03&knownAt=soon`, leader).expect(400);
  });

  it('as known now, the fact-row path answers what the running counters answer, for every kind', async () => {
    for (const kind of ['hotline', 'petition', 'supervision']) {
      for (const month of ['2026-02', '2026-03']) {
        const { knownAt: _k, ...known } = await ranking(`month=${month}&kind=${kind}&knownAt=${q(LATER)}`);
        expect(known).toEqual(await ranking(`month=${month}&kind=${kind}`));
      }
    }
  });

  it('an extension approved after knownAt does not move the due time as known then', async () => {
    await t.setClock('2026-03-09T10:00:00+08:00');
    await post('/api/hotline/orders/X-1/extension', unit('U-BM-CG'), { days: 3, reason: '需协调多个部门联合处置' }).expect(200);
    await t.setClock('2026-03-10T10:00:00+08:00');
    await drain();
    const before = '2026-03-10T09:00:00+08:00';
    const supervision = await ranking(`month=2026-03&kind=supervision&knownAt=${q(before)}`);
    const hotline = await ranking(`month=2026-03&knownAt=${q(before)}`);
    // As known at 09:00 on 03-10, X-1's reply limit (Mon 03-09) has passed unmet: 城管 met its sign limit, missed its reply limit.
    expect(supervision.rows.find((r) => r.unitId === 'U-BM-CG')).toMatchObject({ deadlinesDue: 2, overdue: 1, onTimeRate: 0.5 });
    expect(hotline.rows.find((r) => r.unitId === 'U-BM-CG')).toMatchObject({ overdue: 1 });
    await t.setClock('2026-03-10T11:00:00+08:00');
    await post('/api/hotline/orders/X-1/extension/decision', operator, { approved: true }).expect(200);
    await drain();
    expect(await ranking(`month=2026-03&kind=supervision&knownAt=${q(before)}`)).toEqual(supervision);
    expect(await ranking(`month=2026-03&knownAt=${q(before)}`)).toEqual(hotline);
    // As known now the reply limit moved 3 working days on (Thu 03-12): not due, not overdue.
    expect((await ranking('month=2026-03&kind=supervision')).rows.find((r) => r.unitId === 'U-BM-CG')).toMatchObject({ deadlinesDue: 1, overdue: 0, onTimeRate: 1 });
    expect((await ranking('month=2026-03')).rows.find((r) => r.unitId === 'U-BM-CG')).toMatchObject({ overdue: 0 });
  });
});
