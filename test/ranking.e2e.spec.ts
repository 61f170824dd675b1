import { Queue } from 'bullmq';
import request from 'supertest';
import { RankingPublisher } from '@qf/reporting';
import { SchedulerService } from '@qf/supervision';
import { TestApp, downloadWorkbook, startApp } from './support/app';
import { hotlineSteps } from './support/hotline';
import { readModelTargets, dropSchema } from './support/targets';

interface Row {
  unitId: string;
  dispatched: number;
  responseRate: number | null;
  onTimeRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  overdue: number;
  score: number | null;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

/**
 * Issue 5: the monthly hotline ranking of SPEC §7 on a hand-computed fixture, built through the real commands on the
 * manual clock: February for the previous ranks, March with a tie, a unit without visits, the month boundary at
 * midnight Asia/Shanghai, publication at 02:00 on April 1st, and a backdated order after it.
 */
describe.each(readModelTargets('ranking'))('monthly ranking on %s', (_label, env) => {
  let t: TestApp;
  const { post, get, unit, order, sign, reply, visit } = hotlineSteps(() => t, { category: '市政设施', content: '路灯不亮', reply: '已安排维修人员更换灯具并恢复照明' });
  let operator: string;
  let leader: string;
  const ranking = async (query: string): Promise<{ rows: Row[]; top: Array<{ unitId: string }>; bottom: Array<{ unitId: string }>; published: boolean }> =>
    (await get(`/api/reports/monthly-ranking?${query}`, leader).expect(200)).body;
  const table = (rows: Row[]) => rows.map((r) => [r.unitId, r.dispatched, r.score, r.rank, r.previousRank, r.rankChange]);
  let publishedMarch: unknown;

  beforeAll(async () => {
    t = await startApp({ ...env, CLOCK_START: '2026-02-02T09:00:00+08:00' });
    operator = t.token(['hotline_operator'], 'U-RX');
    leader = t.token(['leader'], 'U-QU');
    // February: 东城 signs in time (100), 西城 never does (0).
    await order('F-1', 'U-JD-01');
    await order('F-2', 'U-JD-02');
    await t.setClock('2026-02-02T10:00:00+08:00');
    await sign('F-1', 'U-JD-01');
    // March (Mon 03-02).
    await t.setClock('2026-03-02T09:00:00+08:00');
    for (const [no, u] of [['M-1', 'U-JD-01'], ['M-2', 'U-JD-02'], ['M-3', 'U-JD-03'], ['M-4A', 'U-JD-04'], ['M-4B', 'U-JD-04'], ['Z-1', 'U-ZH-01'], ['Z-2', 'U-ZH-01']]) await order(no, u);
    await t.setClock('2026-03-02T10:00:00+08:00');
    for (const [no, u] of [['M-2', 'U-JD-02'], ['M-3', 'U-JD-03'], ['M-4A', 'U-JD-04'], ['Z-1', 'U-ZH-01'], ['Z-2', 'U-ZH-01']]) await sign(no, u);
    await t.setClock('2026-03-04T10:00:00+08:00'); // M-4B's sign limit ended Tue 03-03
    await sign('M-4B', 'U-JD-04');
    for (const [no, u] of [['M-2', 'U-JD-02'], ['M-3', 'U-JD-03'], ['Z-1', 'U-ZH-01'], ['Z-2', 'U-ZH-01']]) await reply(no, u);
    await t.setClock('2026-03-05T10:00:00+08:00');
    await visit('M-2', 'satisfied', true);
    await visit('M-3', 'basically_satisfied', false);
    await visit('Z-1', 'satisfied', true);
    await visit('Z-2', 'unsatisfied', false);
    // The month boundary, Asia/Shanghai: 23:30 on 03-31 is March, 00:30 on 04-01 is April (both 03-31 in UTC).
    await t.setClock('2026-03-31T23:30:00+08:00');
    await order('B-MARCH', 'U-JD-01');
    await t.setClock('2026-04-01T00:30:00+08:00');
    await order('B-APRIL', 'U-JD-01');
    await t.setClock('2026-04-01T01:59:00+08:00');
  });
  afterAll(async () => {
    await t.close();
    await dropSchema(env);
  });

  it('is not published before 02:00 on the 1st; the live ranking is there', async () => {
    await get('/api/reports/monthly-ranking?month=2026-03&published=true', leader).expect(404);
    expect((await ranking('month=2026-03')).published).toBe(false);
  });

  it('publishes March at 02:00 on April 1st with the hand-computed table: tie at 2, skip to 4, previous ranks from February', async () => {
    await t.setClock('2026-04-01T02:00:00+08:00');
    await t.app.get(RankingPublisher).idle();
    const march = await ranking('month=2026-03&published=true');
    // The petition ranking is live only: asking for it published says so rather than promising a publication.
    const petition = await get('/api/reports/monthly-ranking?month=2026-03&kind=petition&published=true', leader).expect(404);
    expect(petition.body.message).toMatch(/never published/);
    publishedMarch = march;
    expect(march.published).toBe(true);
    expect(table(march.rows)).toEqual([
      // unit, dispatched, score, rank, previousRank (February, published 03-01 02:00), rankChange
      ['U-JD-02', 1, 100, 1, 2, 1],
      ['U-JD-03', 1, 65, 2, null, null], // response 1, resolution 0, satisfaction 1 (基本满意): 30 + 0 + 35
      ['U-ZH-01', 2, 65, 2, null, null], // response 2/2, resolution 1/2, satisfaction 1/2: 30 + 17.5 + 17.5
      ['U-JD-04', 2, 50, 4, null, null], // response 1/2; no replies, no visits: only responseRate counts
      ['U-JD-01', 2, 0, 5, 1, -4], // M-1 never signed; B-MARCH (23:30 on 03-31) is not due yet: out of the rate
    ]);
    const jd04 = march.rows.find((r) => r.unitId === 'U-JD-04')!;
    expect(jd04).toMatchObject({ responseRate: 0.5, onTimeRate: null, resolutionRate: null, satisfactionRate: null, overdue: 2 });
    const jd01 = march.rows.find((r) => r.unitId === 'U-JD-01') as Row & { denominators: Record<string, { numerator: number; denominator: number }> };
    expect(jd01.denominators.responseRate).toEqual({ numerator: 0, denominator: 1 });
    expect(march.top.map((u) => u.unitId)).toEqual(['U-JD-02', 'U-JD-03', 'U-ZH-01']);
    expect(march.bottom.map((u) => u.unitId)).toEqual(['U-JD-01', 'U-JD-04', 'U-ZH-01']);
    const february = await ranking('month=2026-02&published=true');
    expect(table(february.rows)).toEqual([
      ['U-JD-01', 1, 100, 1, null, null],
      ['U-JD-02', 1, 0, 2, null, null],
    ]);
  });

  it('counts the order of 00:30 on April 1st in April', async () => {
    const april = await ranking('month=2026-04');
    expect(table(april.rows)).toEqual([['U-JD-01', 1, null, null, null, null]]); // not due yet: no rate, no score
  });

  it('a published month is served unchanged after a backdated order; the live one shows the correction', async () => {
    await t.setClock('2026-04-02T10:00:00+08:00');
    await order('LATE-IMPORT', 'U-JD-04', { dispatchedAt: '2026-03-20T10:00:00+08:00' });
    const live = await ranking('month=2026-03');
    expect(live.rows.find((r) => r.unitId === 'U-JD-04')).toMatchObject({ dispatched: 3, responseRate: 0.3333 });
    expect(await ranking('month=2026-03&published=true')).toEqual(publishedMarch);
  });

  it('exports the same table as CSV and as an .xlsx workbook with Chinese headers', async () => {
    const csv = await get('/api/reports/monthly-ranking.csv?month=2026-03&published=true', leader).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 6)).toEqual(['排名', '单位编码', '单位名称', '综合得分', '派单数', '响应率']);
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(0, 4))).toEqual([
      ['1', 'U-JD-02', '西城街道', '100'],
      ['2', 'U-JD-03', expect.any(String), '65'],
      ['2', 'U-ZH-01', expect.any(String), '65'],
      ['4', 'U-JD-04', expect.any(String), '50'],
      ['5', 'U-JD-01', '东城街道', '0'],
    ]);
    // Rates as percentages with two decimals, 红榜/黑榜 marked, and a 合计 row of the counts.
    expect(lines[0].split(',').at(-1)).toBe('榜单');
    expect(lines[1]).toMatch(/,\d+\.\d\d%,/);
    expect(lines[1].split(',').at(-1)).toBe('红榜');
    expect(lines[5].split(',').at(-1)).toBe('黑榜');
    // Five units, three on each list: the one on both says so, as the JSON's top and bottom do.
    expect(lines[3].split(',').at(-1)).toBe('红榜、黑榜');
    expect(lines.at(-1)!.split(',')[0]).toBe('合计');
    const wb = await downloadWorkbook(t.http, '/api/reports/monthly-ranking.xlsx?month=2026-03&published=true', leader);
    const sheet = wb.getWorksheet('排名')!;
    // A 通报: title, period and publication time in Beijing time, then the table (header repeated on every page).
    expect(sheet.getRow(1).getCell(1).value).toBe('2026年3月12345热线承办单位考核排名通报');
    expect(String(sheet.getRow(2).getCell(1).value)).toContain('发布时间：2026年4月1日 02:00');
    expect(sheet.getRow(3).getCell(1).value).toBe('排名');
    expect(sheet.getRow(4).values).toEqual(expect.arrayContaining([1, 'U-JD-02', 100, '红榜']));
    expect(sheet.getColumn(6).numFmt).toBe('0.00%');
    expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('合计');
    expect(sheet.rowCount).toBe(9);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '3:3' });
    expect(String(wb.getWorksheet('说明')!.getRow(4).getCell(2).value)).toContain('响应率 30%');
  });

  it('ranks petitions by accept-on-time, handle-on-time and close rates, and units by their deadlines and escalations', async () => {
    const officer = t.token(['petition_officer'], 'U-XF');
    const petition = await post('/api/petitions', officer, { channel: 'letter', petitioner: { name: '冯某' }, subject: '反映小区路灯', content: '路灯长期不亮', category: '城建' }).expect(201);
    await post(`/api/petitions/${petition.body.id}/assign`, officer, { unitId: 'U-JD-02', mode: 'assign' }).expect(200);
    await post(`/api/petitions/${petition.body.id}/accept`, unit('U-JD-02')).expect(200);
    const april = (await get('/api/reports/monthly-ranking?month=2026-04&kind=petition', leader).expect(200)).body;
    // Accepted in time (1/1), not replied (null), not closed (0/1): 100 × (0.3 × 1 + 0.3 × 0) ÷ 0.6 = 50.
    expect(april.rows).toEqual([
      expect.objectContaining({ unitId: 'U-JD-02', assigned: 1, acceptOnTimeRate: 1, handleOnTimeRate: null, closeRate: 0, score: 50, rank: 1 }),
    ]);
    await t.app.get(SchedulerService).scheduler.drain();
    const supervision = (await get('/api/reports/monthly-ranking?month=2026-03&kind=supervision', leader).expect(200)).body;
    // 东城: M-1's sign (due 03-03) and reply (due 03-09) both missed; each climbed warning → level 3 in March. F-1's
    // reply (due 02-09, never replied) climbed its whole ladder when the clock jumped from 02-10 to 03-02: March too.
    expect(supervision.rows.find((r: { unitId: string }) => r.unitId === 'U-JD-01')).toMatchObject({
      deadlinesDue: 2,
      overdue: 2,
      onTimeRate: 0,
      warnings: 3,
      level1: 3,
      level2: 3,
      level3: 3,
      lowEscalationRate: 0.5,
      score: 20,
    });
    const csv = await get('/api/reports/monthly-ranking.csv?month=2026-03&kind=supervision', leader).expect(200);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toContain('三级督办');
  });

  it('is for leaders, supervisors and admins only; bad months are 400', async () => {
    await get('/api/reports/monthly-ranking?month=2026-03', t.token(['supervisor'], 'U-QU')).expect(200);
    await get('/api/reports/monthly-ranking?month=2026-03', t.token(['admin'])).expect(200);
    await get('/api/reports/monthly-ranking?month=2026-03', unit('U-JD-01')).expect(403);
    await get('/api/reports/monthly-ranking?month=2026-03', t.token(['inspector'], 'U-JW')).expect(403);
    await get('/api/reports/monthly-ranking.csv?month=2026-03', operator).expect(403);
    await get('/api/reports/monthly-ranking?month=2026-13', leader).expect(400);
    await get('/api/reports/monthly-ranking?month=2026-03&kind=weather', leader).expect(400);
  });

  it('admin weights change the live ranking, never a published one', async () => {
    const admin = t.token(['admin']);
    await request(t.http).put('/api/reports/weights').set('Authorization', `Bearer ${leader}`).send({ kind: 'hotline', weights: { responseRate: 1 } }).expect(403);
    await request(t.http).put('/api/reports/weights').set('Authorization', `Bearer ${admin}`).send({ kind: 'hotline', weights: { speed: 1 } }).expect(400);
    await request(t.http).put('/api/reports/weights').set('Authorization', `Bearer ${admin}`).send({ kind: 'hotline', weights: { responseRate: 0 } }).expect(422);
    await request(t.http).put('/api/reports/weights').set('Authorization', `Bearer ${admin}`).send({ kind: 'hotline', weights: { responseRate: 1 }, listSize: 2 }).expect(200);
    const live = await ranking('month=2026-03');
    // Response rate only: 西城, 南城, 镇 at 100 share rank 1; 北城 1/3 → 33.33; 东城 0.
    expect(table(live.rows).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['U-JD-02', 100, 1],
      ['U-JD-03', 100, 1],
      ['U-ZH-01', 100, 1],
      ['U-JD-04', 33.33, 4],
      ['U-JD-01', 0, 5],
    ]);
    expect(live.top).toHaveLength(2);
    expect(await ranking('month=2026-03&published=true')).toEqual(publishedMarch);
  });
});

/** Production scheduling: with REDIS_URL and the system clock, publication is a BullMQ job scheduler in Redis. */
// Read now: startApp removes REDIS_URL from the environment for the apps that do not ask for it.
const REDIS_URL = process.env.REDIS_URL;
(REDIS_URL ? describe : describe.skip)('ranking publication on BullMQ (REDIS_URL)', () => {
  let t: TestApp;
  const prefix = `qf-test-publish-${process.pid}-${Date.now()}`;
  afterAll(() => t?.close());

  it('registers one job scheduler at 02:00 on the 1st, Asia/Shanghai, and keeps it one across restarts', async () => {
    t = await startApp({ REDIS_URL: REDIS_URL, CLOCK: 'system', QUEUE_PREFIX: prefix });
    expect(t.app.get(RankingPublisher).mode).toBe('bullmq');
    const dataDir = t.dataDir;
    await t.app.close();
    t = await startApp({ REDIS_URL: REDIS_URL, CLOCK: 'system', QUEUE_PREFIX: prefix }, dataDir);
    const queue = new Queue('rankings', { connection: { url: REDIS_URL }, prefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toEqual([expect.objectContaining({ key: 'monthly-ranking-publication', pattern: '0 2 1 * *', tz: 'Asia/Shanghai' })]);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
