import request from 'supertest';
import { SchedulerService } from '@qf/supervision';
import { TestApp, startApp } from './support/app';
import { dropSchema, schedulerTargets } from './support/targets';

interface Escalation {
  id: string;
  caseId: string;
  stage: string;
  level: number;
  targetUnitId: string;
  targetRole: string;
  dueAt: string;
  state: string;
  accountabilityClueId?: string | null;
}
interface TimelineEntry {
  id: string;
  type: string;
  data: Record<string, unknown>;
  causationId: string | null;
}

/** Issue 4: the overdue escalation ladder of SPEC §4 on the manual clock, with each scheduler. */
describe.each(schedulerTargets('ladder'))('escalation ladder (超期督办) — %s', (_label, env) => {
  let t: TestApp;
  const post = (path: string, token: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const drain = () => t.app.get(SchedulerService).scheduler.drain();
  /** Moves the manual clock as an admin would, then waits until the scheduler has fired what is due. */
  const at = async (now: string) => {
    await t.setClock(now);
    await drain();
  };
  const inbox = async (token: string, query: string): Promise<Escalation[]> => (await get(`/api/escalations?${query}`, token).expect(200)).body.items;
  const events = async (orderNo: string): Promise<TimelineEntry[]> => (await get(`/api/cases/hotline/${orderNo}/events`, operator).expect(200)).body.items;
  const rungs = async (orderNo: string, stage: string) =>
    (await events(orderNo)).filter((e) => e.type === 'DeadlineEscalated' && e.data.stage === stage).map((e) => e.data.level as number);

  let operator: string;
  let handler: string;
  let head: string;
  let supervisor: string;
  let inspector: string;
  const order = (orderNo: string, extra: object = {}) => ({ orderNo, channel: 'phone', category: '噪音扰民', urgency: 'normal', content: '夜间施工噪音扰民', unitId: 'U-JD-01', ...extra });

  beforeAll(async () => {
    t = await startApp({ CLOCK_START: '2026-03-16T09:00:00+08:00', ...env });
    operator = t.token(['hotline_operator'], 'U-RX');
    handler = t.token(['unit_handler'], 'U-JD-01');
    head = t.token(['unit_head'], 'U-JD-01', 'head-jd01', '李建国');
    supervisor = t.token(['supervisor'], 'U-QU');
    inspector = t.token(['inspector'], 'U-JW');
    // Mon 2026-03-16 09:00: RX-LATE is never signed; RX-MET is signed at once.
    await post('/api/hotline/orders', operator, order('RX-LATE')).expect(201);
    await post('/api/hotline/orders', operator, order('RX-MET')).expect(201);
    await post('/api/hotline/orders/RX-MET/sign', handler).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await dropSchema(env);
  });

  it('readiness names the scheduler in use and checks what it runs on', async () => {
    const ready = (await request(t.http).get('/health/ready').expect(200)).body;
    expect(ready.checks.scheduler).toMatchObject({ status: 'up', detail: { kind: env.REDIS_URL ? 'bullmq' : 'embedded' } });
    expect(ready.projections.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['deadlines', 'escalations']));
    // …and how far the reactions that turn referrals and level-3 rungs into clues are behind.
    expect(ready.checks.clueReactions).toMatchObject({ status: 'up', detail: { lag: expect.any(Number) } });
  });

  it('a normal order dispatched Mon 09:00: one warning after 80 % of its sign time, to the unit’s handlers only', async () => {
    await at('2026-03-17T16:11:00+08:00');
    expect(await inbox(handler, 'caseId=RX-LATE&stage=sign')).toEqual([]);
    await at('2026-03-17T16:12:00+08:00');
    const warnings = await inbox(handler, 'caseId=RX-LATE&stage=sign');
    expect(warnings).toEqual([
      expect.objectContaining({ level: 0, targetUnitId: 'U-JD-01', targetRole: 'unit_handler', dueAt: '2026-03-17T23:59:59.999+08:00', state: 'open' }),
    ]);
    expect(await inbox(head, 'caseId=RX-LATE')).toEqual([]);
    expect(await inbox(t.token(['unit_handler'], 'U-JD-02'), 'caseId=RX-LATE')).toEqual([]);
    expect(await inbox(supervisor, 'caseId=RX-LATE')).toEqual([]);
  });

  it('level 1 at the deadline to the unit head, who acknowledges it once', async () => {
    await at('2026-03-17T23:59:59+08:00');
    expect(await inbox(head, 'caseId=RX-LATE&stage=sign')).toEqual([]);
    await at('2026-03-18T00:00:00+08:00');
    const [level1] = await inbox(head, 'caseId=RX-LATE&stage=sign');
    expect(level1).toMatchObject({ level: 1, targetUnitId: 'U-JD-01', targetRole: 'unit_head', state: 'open' });
    expect(await inbox(handler, 'caseId=RX-LATE&stage=sign&level=1')).toEqual([]);
    // Only the target may acknowledge (SPEC §10: the role does not allow it); an unknown id is not found; it happens once.
    expect((await post(`/api/escalations/${level1.id}/acknowledge`, handler, { comment: '已阅' }).expect(403)).body.code).toBe('FORBIDDEN');
    await post('/api/escalations/00000000-0000-4000-8000-000000000000/acknowledge', head, {}).expect(404);
    await post(`/api/escalations/${level1.id}/acknowledge`, head, { comment: 123 }).expect(400);
    const acked = await post(`/api/escalations/${level1.id}/acknowledge`, head, { comment: '已安排专人今日签收办理' }).expect(200);
    expect(acked.body).toMatchObject({ id: level1.id, state: 'acknowledged', acknowledgedBy: '李建国', comment: '已安排专人今日签收办理' });
    const again = await post(`/api/escalations/${level1.id}/acknowledge`, head, {}).expect(422);
    expect(again.body.code).toBe('INVALID_TRANSITION');
    expect(await inbox(head, 'caseId=RX-LATE&stage=sign&state=open')).toEqual([]);
    expect(await inbox(head, 'caseId=RX-LATE&stage=sign&state=acknowledged')).toHaveLength(1);
  });

  it('level 2 three working days later to the supervisors of the parent unit', async () => {
    await at('2026-03-20T23:59:00+08:00');
    expect(await inbox(supervisor, 'caseId=RX-LATE&stage=sign')).toEqual([]);
    await at('2026-03-21T00:00:00+08:00');
    expect(await inbox(supervisor, 'caseId=RX-LATE&stage=sign')).toEqual([expect.objectContaining({ level: 2, targetUnitId: 'U-QU', targetRole: 'supervisor' })]);
    expect(await inbox(t.token(['supervisor'], 'U-JD-01'), 'caseId=RX-LATE')).toEqual([]);
  });

  it('level 3 seven working days later to the discipline unit, with an accountability clue about the head', async () => {
    await at('2026-03-26T23:59:00+08:00');
    expect(await inbox(inspector, 'caseId=RX-LATE&stage=sign')).toEqual([]);
    await at('2026-03-27T00:00:00+08:00');
    const [level3] = await inbox(inspector, 'caseId=RX-LATE&stage=sign');
    expect(level3).toMatchObject({ level: 3, targetUnitId: 'U-JW', targetRole: 'inspector', dueAt: '2026-03-17T23:59:59.999+08:00' });
    // The clue comes from the process manager; SPEC §4 allows 10 s of wall time.
    let clueId: string | null | undefined;
    for (let i = 0; i < 100 && !clueId; i++) {
      clueId = (await inbox(inspector, 'caseId=RX-LATE&stage=sign'))[0].accountabilityClueId;
      if (!clueId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(clueId).toMatch(/^XS20260327-\d{4}$/);
    const clue = (await get(`/api/clues/${clueId}`, inspector).expect(200)).body;
    expect(clue).toMatchObject({ source: 'supervision', sourceRef: 'hotline/RX-LATE', category: 'work', status: 'registered' });
    expect(clue.subjects).toEqual([expect.objectContaining({ name: '李建国', unitId: 'U-JD-01' })]);
    const escalated = (await events('RX-LATE')).find((e) => e.type === 'DeadlineEscalated' && e.data.stage === 'sign' && e.data.level === 3)!;
    const registered = (await get(`/api/cases/clue/${clueId}/events`, inspector).expect(200)).body.items[0];
    expect(registered.causationId).toBe(escalated.id);
    // Clue contents stay with the discipline office.
    await get(`/api/clues/${clueId}`, supervisor).expect(403);
    // A case manager may all an inspector may (SPEC §1): the level-3 inbox too.
    expect(await inbox(t.token(['case_manager'], 'U-JW'), 'caseId=RX-LATE&stage=sign')).toEqual([expect.objectContaining({ id: level3.id, level: 3 })]);
  });

  it('each rung exactly once, however often the clock moves or the service restarts', async () => {
    await at('2026-04-30T00:00:00+08:00');
    await at('2026-04-30T00:00:01+08:00');
    const dataDir = t.dataDir;
    await t.app.close();
    t = await startApp({ CLOCK_START: '2026-03-16T09:00:00+08:00', ...env }, dataDir);
    await at('2026-05-06T00:00:00+08:00');
    expect((await rungs('RX-LATE', 'sign')).sort()).toEqual([0, 1, 2, 3]);
    // The reply stage has its own ladder: due Mon 03-23, level 3 on 04-01.
    expect((await rungs('RX-LATE', 'reply')).sort()).toEqual([0, 1, 2, 3]);
    // One accountability clue per level-3 escalation (sign and reply), each registered once by the clue context.
    let clues: Array<{ id: string; escalationId: string }> = [];
    for (let i = 0; i < 100; i++) {
      clues = (await get('/api/clues?source=supervision&pageSize=200', inspector).expect(200)).body.items.filter((c: { sourceRef: string }) => c.sourceRef === 'hotline/RX-LATE');
      if (clues.length >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 300));
    clues = (await get('/api/clues?source=supervision&pageSize=200', inspector).expect(200)).body.items.filter((c: { sourceRef: string }) => c.sourceRef === 'hotline/RX-LATE');
    expect(clues).toHaveLength(2);
    expect(new Set(clues.map((c) => c.escalationId)).size).toBe(2);
    const level3 = (await inbox(inspector, 'caseId=RX-LATE&level=3')).map((e) => e.accountabilityClueId).sort();
    expect(level3).toEqual(clues.map((c) => c.id).sort());
  });

  it('a stage met in time escalates nothing, while the unmet stage of the same order climbs its own ladder', async () => {
    // RX-MET was signed on the first day and never replied.
    expect(await rungs('RX-MET', 'sign')).toEqual([]);
    expect((await rungs('RX-MET', 'reply')).sort()).toEqual([0, 1, 2, 3]); // never replied: its own ladder ran
  });
});

/** The rest of SPEC §4 once, on the in-process scheduler: met stages, extensions, supervision orders, the deadline list. */
describe('escalation rules on the embedded scheduler', () => {
  let t: TestApp;
  const post = (path: string, token: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const at = async (now: string) => {
    await t.setClock(now);
    await t.app.get(SchedulerService).scheduler.drain();
  };
  const escalated = async (orderNo: string) =>
    ((await get(`/api/cases/hotline/${orderNo}/events`, operator).expect(200)).body.items as TimelineEntry[]).filter((e) => e.type === 'DeadlineEscalated').map((e) => e.data);
  let operator: string;
  let handler: string;
  let head: string;
  let supervisor: string;
  const order = (orderNo: string) => ({ orderNo, channel: 'phone', category: '占道经营', urgency: 'normal', content: '路口占道经营影响通行', unitId: 'U-JD-01' });

  beforeAll(async () => {
    t = await startApp({ CLOCK_START: '2026-03-16T09:00:00+08:00' });
    operator = t.token(['hotline_operator'], 'U-RX');
    handler = t.token(['unit_handler'], 'U-JD-01');
    head = t.token(['unit_head'], 'U-JD-01');
    supervisor = t.token(['supervisor'], 'U-QU');
  });
  afterAll(() => t.close());

  it('a stage met in time stops its ladder: signed and replied before their warnings, nothing ever escalates', async () => {
    await post('/api/hotline/orders', operator, order('RX-ONTIME')).expect(201);
    await at('2026-03-16T15:00:00+08:00');
    await post('/api/hotline/orders/RX-ONTIME/sign', handler).expect(200);
    await at('2026-03-18T10:00:00+08:00');
    await post('/api/hotline/orders/RX-ONTIME/reply', handler, { outcome: 'resolved', reply: '已现场清理占道摊点并劝导' }).expect(200);
    await at('2026-04-30T00:00:00+08:00');
    expect(await escalated('RX-ONTIME')).toEqual([]);
    expect((await get('/api/escalations?caseId=RX-ONTIME', head).expect(200)).body.items).toEqual([]);
    // Filters are checked as enums: a stage no kind has is a bad query, not an empty inbox (SPEC §10).
    for (const q of ['stage=foo', 'level=4', 'state=closed']) expect((await get(`/api/escalations?${q}`, head).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('an approved extension moves the reply ladder: nothing at the old deadline, the rungs follow the new one', async () => {
    await post('/api/hotline/orders', operator, order('RX-MORE')).expect(201);
    const signed = await post('/api/hotline/orders/RX-MORE/sign', handler).expect(200);
    const oldDue: string = signed.body.deadlines.find((d: { stage: string }) => d.stage === 'reply').dueAt;
    await post('/api/hotline/orders/RX-MORE/extension', handler, { days: 5, reason: '需协调城管、市场监管联合执法' }).expect(200);
    const decided = await post('/api/hotline/orders/RX-MORE/extension/decision', operator, { approved: true }).expect(200);
    const newDue: string = decided.body.deadlines.find((d: { stage: string }) => d.stage === 'reply').dueAt;
    expect(Date.parse(newDue)).toBeGreaterThan(Date.parse(oldDue) + 5 * 24 * 3600_000);
    const after = (iso: string) => new Date(Date.parse(iso) + 1).toISOString();
    await at(after(oldDue));
    expect((await escalated('RX-MORE')).filter((e) => e.stage === 'reply' && (e.level as number) >= 1)).toEqual([]);
    await at(after(newDue));
    const replyRungs = (await escalated('RX-MORE')).filter((e) => e.stage === 'reply');
    expect(replyRungs.map((e) => [e.level, e.dueAt])).toEqual([
      [0, newDue],
      [1, newDue],
    ]);
  });

  it('a rung that fired before an extension does not fire again for the moved deadline (once per deadline and level)', async () => {
    await post('/api/hotline/orders', operator, order('RX-WARNED')).expect(201);
    const signed = await post('/api/hotline/orders/RX-WARNED/sign', handler).expect(200);
    const reply: { dueAt: string; warnAt: string } = signed.body.deadlines.find((d: { stage: string }) => d.stage === 'reply');
    const after = (iso: string) => new Date(Date.parse(iso) + 1).toISOString();
    await at(after(reply.warnAt));
    expect((await escalated('RX-WARNED')).filter((e) => e.stage === 'reply').map((e) => e.level)).toEqual([0]);
    await post('/api/hotline/orders/RX-WARNED/extension', handler, { days: 2, reason: '需等待燃气公司检修结果' }).expect(200);
    const decided = await post('/api/hotline/orders/RX-WARNED/extension/decision', operator, { approved: true }).expect(200);
    const newDue: string = decided.body.deadlines.find((d: { stage: string }) => d.stage === 'reply').dueAt;
    expect(Date.parse(newDue)).toBeGreaterThan(Date.parse(reply.dueAt));
    await at(after(newDue));
    // The handlers were warned once; the unit head hears of it once, at the moved deadline.
    expect((await escalated('RX-WARNED')).filter((e) => e.stage === 'reply').map((e) => [e.level, e.dueAt])).toEqual([
      [0, reply.dueAt],
      [1, newDue],
    ]);
  });

  it('supervision orders (督办单): 13710 and standard presets, answered by the unit, with their own ladder', async () => {
    await at('2026-06-01T09:00:00+08:00'); // Mon
    await post('/api/hotline/orders', operator, order('RX-DB')).expect(201);
    const body = { caseKind: 'hotline', caseId: 'RX-DB', requirement: '请于当日研究部署，3日内反馈，7日内见效，10日内解决', preset: '13710' };
    await post('/api/supervision-orders', handler, body).expect(403);
    await post('/api/supervision-orders', t.token(['supervisor'], 'U-JD-02'), body).expect(403);
    await post('/api/supervision-orders', supervisor, { ...body, preset: '1371' }).expect(400);
    await post('/api/supervision-orders', supervisor, { ...body, caseId: 'RX-NONE' }).expect(404);
    const issued = await post('/api/supervision-orders', supervisor, body).expect(201);
    expect(issued.body).toMatchObject({ id: 'DB20260601-0001', preset: '13710', unitId: 'U-JD-01', status: 'open' });
    expect(issued.body.deadlines.map((d: { stage: string; dueAt: string }) => [d.stage, d.dueAt])).toEqual([
      ['study', '2026-06-01T23:59:59.999+08:00'],
      ['feedback', '2026-06-04T23:59:59.999+08:00'],
      ['effect', '2026-06-08T23:59:59.999+08:00'],
      ['resolve', '2026-06-11T23:59:59.999+08:00'],
    ]);
    const standard = await post('/api/supervision-orders', supervisor, { ...body, preset: 'standard' }).expect(201);
    expect(standard.body.deadlines.map((d: { stage: string; dueAt: string }) => [d.stage, d.dueAt])).toEqual([
      ['feedback', '2026-06-10T23:59:59.999+08:00'],
      ['resolve', '2026-06-23T23:59:59.999+08:00'], // 端午 06-19 off
    ]);
    const id = issued.body.id;
    await post(`/api/supervision-orders/${id}/answer`, t.token(['unit_handler'], 'U-JD-02'), { stage: 'study', content: '已研究' }).expect(403);
    await post(`/api/supervision-orders/${id}/answer`, handler, { stage: 'study', content: '已召开专题会研究部署' }).expect(200);
    await post(`/api/supervision-orders/${id}/answer`, handler, { stage: 'study', content: '再次' }).expect(422);
    await at('2026-06-05T00:00:00+08:00');
    const detail = (await get(`/api/supervision-orders/${id}`, supervisor).expect(200)).body;
    expect(detail.deadlines.find((d: { stage: string }) => d.stage === 'study').state).toBe('met');
    const levels = detail.escalations.map((e: Escalation) => [e.stage, e.level, e.targetRole]);
    expect(levels).toEqual(expect.arrayContaining([['feedback', 1, 'unit_head']]));
    expect(levels.filter((l: unknown[]) => l[0] === 'study')).toEqual([]);
    const headInbox = (await get(`/api/escalations?caseId=${id}&level=1`, head).expect(200)).body.items;
    expect(headInbox).toEqual([expect.objectContaining({ caseKind: 'supervision_order', stage: 'feedback', targetUnitId: 'U-JD-01' })]);
    await get(`/api/supervision-orders/${id}`, t.token(['unit_handler'], 'U-JD-02')).expect(403);
  });

  it('GET /api/deadlines lists open deadlines by state and unit, as far as the caller may read them', async () => {
    const overdue = (await get('/api/deadlines?state=overdue&kind=hotline', operator).expect(200)).body;
    expect(overdue.items.length).toBeGreaterThan(0);
    for (const d of overdue.items) expect(Date.parse(d.dueAt)).toBeLessThan(Date.parse('2026-06-05T00:00:00+08:00'));
    expect(overdue.items.map((d: { caseId: string; stage: string }) => `${d.caseId}/${d.stage}`)).toEqual(expect.arrayContaining(['RX-DB/sign', 'RX-MORE/reply']));
    expect(overdue.items.map((d: { caseId: string }) => d.caseId)).not.toContain('RX-ONTIME');
    const mine = (await get('/api/deadlines?state=overdue', handler).expect(200)).body.items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((d: { unitId: string; caseKind: string }) => d.unitId === 'U-JD-01' && d.caseKind !== 'clue')).toBe(true);
    expect((await get('/api/deadlines', t.token(['unit_handler'], 'U-JD-02')).expect(200)).body.items).toEqual([]);
    // U is the petitions bureau for a petition's `assign` stage, the discipline unit for clues (seen by inspectors only).
    const officer = t.token(['petition_officer'], 'U-XF');
    const petition = await post('/api/petitions', officer, { channel: 'letter', petitioner: { name: '周某' }, subject: '反映噪音', content: '工地夜间施工', category: '城建' }).expect(201);
    const clue = await post('/api/clues', t.token(['inspector'], 'U-JW'), {
      source: 'inspection_tour',
      subjects: [{ name: '赵某', unitId: 'U-BM-CG', rank: 'section', partyMember: true }],
      allegations: '违规收受礼品礼金，涉嫌违反廉洁纪律。',
      category: 'integrity',
    }).expect(201);
    const bureau = (await get('/api/deadlines?kind=petition&unitId=U-XF', officer).expect(200)).body.items;
    expect(bureau).toEqual([expect.objectContaining({ caseId: petition.body.id, stage: 'assign', unitId: 'U-XF' })]);
    const subtree = (await get('/api/deadlines?unitId=U-QU&pageSize=200', supervisor).expect(200)).body;
    expect(subtree.items.map((d: { caseId: string }) => d.caseId)).toContain(petition.body.id);
    expect(subtree.items.map((d: { caseId: string }) => d.caseId)).not.toContain(clue.body.id);
    // The petition the supervisor's deadlines name is in their petition list too, as it is with the bureau (decision 96).
    const listed = (await get('/api/petitions?pageSize=200', supervisor).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(listed).toContain(petition.body.id);
    expect((await get('/api/petitions?unitId=U-XF', supervisor).expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([petition.body.id]);
    expect((await get('/api/petitions?unitId=U-JD-01&pageSize=200', supervisor).expect(200)).body.items.map((p: { id: string }) => p.id)).not.toContain(petition.body.id);
    expect((await get('/api/petitions', t.token(['supervisor'], 'U-JD-01')).expect(200)).body.items.map((p: { id: string }) => p.id)).not.toContain(petition.body.id);
    await get('/api/deadlines?kind=clue', supervisor).expect(403);
    const clueDeadlines = (await get('/api/deadlines?kind=clue', t.token(['inspector'], 'U-JW')).expect(200)).body.items;
    expect(clueDeadlines).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: clue.body.id, stage: 'disposition', unitId: 'U-JW' })]));
    expect(clueDeadlines.every((d: { caseKind: string; unitId: string }) => d.caseKind === 'clue' && d.unitId === 'U-JW')).toBe(true);
    const all = (await get('/api/deadlines?pageSize=200', operator).expect(200)).body;
    expect(all.items.every((d: { caseKind: string }) => d.caseKind === 'hotline')).toBe(true);
    const second = (await get('/api/deadlines?pageSize=1&page=2', operator).expect(200)).body;
    expect(second).toMatchObject({ total: all.total, page: 2, pageSize: 1, items: [all.items[1]] });
    await get('/api/deadlines', t.token(['admin'])).expect(403);
    await get('/api/deadlines?state=late', operator).expect(400);
    await get('/api/deadlines?unitId=U-NOPE', supervisor).expect(404);
    // Past 80 % of RX-DB's reply time (warning 06-07 11:23:59) and before its due time: warned, not overdue.
    await at('2026-06-07T12:00:00+08:00');
    const warned = (await get('/api/deadlines?state=warned&unitId=U-JD-01', supervisor).expect(200)).body.items;
    expect(warned.map((d: { caseId: string; stage: string }) => `${d.caseId}/${d.stage}`)).toContain('RX-DB/reply');
    for (const d of warned) expect(d.state).toBe('warned');
    const overdueNow = (await get('/api/deadlines?state=overdue&unitId=U-JD-01', supervisor).expect(200)).body.items;
    expect(overdueNow.map((d: { caseId: string; stage: string }) => `${d.caseId}/${d.stage}`)).not.toContain('RX-DB/reply');
  });
});
