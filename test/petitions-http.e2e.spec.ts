import request from 'supertest';
import { TestApp, startApp } from './support/app';
import { dropSchema, readModelTargets } from './support/targets';

/** Issue 3: a petition through each path of SPEC §3.2 over HTTP, with the time limits of §4 on the manual clock. */
describe.each(readModelTargets('petitions'))('petitions over HTTP, read models on %s', (_store, env) => {
  let t: TestApp;
  let officer: string;
  let bureau: string;
  let community: string;
  let streetSupervisor: string;
  let districtSupervisor: string;

  beforeAll(async () => {
    t = await startApp({ ...env, CLOCK_START: '2026-03-02T09:00:00+08:00' });
    officer = t.token(['petition_officer'], 'U-XF');
    bureau = t.token(['unit_handler'], 'U-BM-ZJ');
    community = t.token(['unit_handler'], 'U-JD-01-01');
    streetSupervisor = t.token(['supervisor'], 'U-JD-01');
    districtSupervisor = t.token(['supervisor'], 'U-QU');
  });
  afterAll(async () => {
    await t.close();
    await dropSchema(env);
  });

  const post = (path: string, token: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const petition = (idNumber: string, category = '城乡建设/物业管理') => ({
    channel: 'visit',
    petitioner: { name: '王建国', idNumber, phone: '13812345678', address: '东城街道桃李路18号3栋' },
    subject: '小区物业拒不维修电梯',
    content: '电梯停运两个月，物业以资金不足为由拒不维修。',
    category,
  });
  const stage = (body: { deadlines: Array<{ stage: string; dueAt: string; state: string }> }, name: string) => body.deadlines.filter((d) => d.stage === name).pop();

  it('assigns ids XF + date + daily sequence and starts the 15-day assign limit', async () => {
    const a = await post('/api/petitions', officer, petition('110101199003071234', '交通/公交线路')).expect(201);
    const b = await post('/api/petitions', officer, petition('110101199003075678', '交通/公交线路')).expect(201);
    expect(a.body.id).toBe('XF20260302-0001');
    expect(b.body.id).toBe('XF20260302-0002');
    expect(a.body).toMatchObject({ kind: 'petition', status: 'registered', unitId: null, version: 0 });
    expect(stage(a.body, 'assign')).toMatchObject({ dueAt: '2026-03-17T23:59:59.999+08:00', state: 'pending' });
    // The registering office sees the petitioner in full.
    expect(a.body.petitioner).toEqual({ name: '王建国', idNumber: '110101199003071234', phone: '13812345678', address: '东城街道桃李路18号3栋' });
  });

  it('takes 20 registrations at once, each with its own number: none refused for racing the others for it', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post('/api/petitions', officer, petition(`11010119900308${7000 + i}`, '交通运输'))));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(20);
  });

  it('not accepted (不予受理): assigned → not_accepted, terminal', async () => {
    const { body } = await post('/api/petitions', officer, petition('110101199001011111', '劳动保障')).expect(201);
    await post(`/api/petitions/${body.id}/assign`, officer, { unitId: 'U-BM-ZJ', mode: 'forward' }).expect(200);
    await post(`/api/petitions/${body.id}/reject`, community, { reason: '不属本单位职责' }).expect(403);
    const rejected = await post(`/api/petitions/${body.id}/reject`, bureau, { reason: '已进入诉讼程序，依法不予受理' }).expect(200);
    expect(rejected.body.status).toBe('not_accepted');
    expect(stage(rejected.body, 'accept')!.state).toBe('met');
    expect((await post(`/api/petitions/${body.id}/accept`, bureau).expect(422)).body.code).toBe('INVALID_TRANSITION');
  });

  it('accepted → reply → close, with one extension of the 60-day handling limit and no second one', async () => {
    await t.setClock('2026-03-03T09:00:00+08:00');
    const { body } = await post('/api/petitions', officer, petition('110101199002022222', '教育')).expect(201);
    const assigned = await post(`/api/petitions/${body.id}/assign`, officer, { unitId: 'U-BM-ZJ', mode: 'assign' }).expect(200);
    expect(stage(assigned.body, 'assign')!.state).toBe('met');
    expect(stage(assigned.body, 'accept')!.dueAt).toBe('2026-03-18T23:59:59.999+08:00');
    const accepted = await post(`/api/petitions/${body.id}/accept`, bureau).expect(200);
    expect(stage(accepted.body, 'handle')!.dueAt).toBe('2026-05-02T23:59:59.999+08:00'); // 60 calendar days
    await post(`/api/petitions/${body.id}/extend`, bureau, { days: 31, reason: '太长' }).expect(400);
    const extended = await post(`/api/petitions/${body.id}/extend`, bureau, { days: 30, reason: '需多部门会商' }).expect(200);
    expect(stage(extended.body, 'handle')!.dueAt).toBe('2026-06-01T23:59:59.999+08:00');
    expect((await post(`/api/petitions/${body.id}/extend`, bureau, { days: 1, reason: '再次延期' }).expect(422)).body.code).toBe('RULE_VIOLATION');
    const replied = await post(`/api/petitions/${body.id}/reply`, bureau, { result: 'supported', opinion: '责成物业限期维修电梯。' }).expect(200);
    expect(replied.body.status).toBe('replied');
    expect(stage(replied.body, 'handle')!.state).toBe('met');
    expect((await post(`/api/petitions/${body.id}/close`, officer).expect(200)).body.status).toBe('closed');
  });

  it('reply → review (复查) → recheck (复核) → closed; review on day 31 → 422', async () => {
    await t.setClock('2026-03-04T09:00:00+08:00');
    const late = (await post('/api/petitions', officer, petition('110101199003033333', '市容')).expect(201)).body.id;
    const ok = (await post('/api/petitions', officer, petition('110101199004044444', '市容')).expect(201)).body.id;
    for (const id of [late, ok]) {
      await post(`/api/petitions/${id}/assign`, officer, { unitId: 'U-JD-01-01', mode: 'assign' }).expect(200);
      await post(`/api/petitions/${id}/accept`, community).expect(200);
      await post(`/api/petitions/${id}/reply`, community, { result: 'not_supported', opinion: '诉求缺乏政策依据。' }).expect(200);
    }
    // Answered 03-04: day 30 ends 04-03 23:59:59.999; 04-04 is day 31.
    await t.setClock('2026-04-03T23:00:00+08:00');
    const review = await post(`/api/petitions/${ok}/review`, officer, { reason: '信访人不服处理意见' }).expect(200);
    expect(review.body.status).toBe('under_review');
    expect(stage(review.body, 'review')!.dueAt).toBe('2026-05-03T23:59:59.999+08:00');
    await t.setClock('2026-04-04T00:30:00+08:00');
    expect((await post(`/api/petitions/${late}/review`, officer, { reason: '信访人不服处理意见' }).expect(422)).body.code).toBe('RULE_VIOLATION');

    // The review belongs to the supervisor of the handling unit's parent (the street), not the district.
    await post(`/api/petitions/${ok}/review/decision`, districtSupervisor, { result: 'upheld', opinion: '维持原处理意见。' }).expect(403);
    const reviewed = await post(`/api/petitions/${ok}/review/decision`, streetSupervisor, { result: 'upheld', opinion: '维持原处理意见。' }).expect(200);
    expect(reviewed.body).toMatchObject({ status: 'reviewed', review: { result: 'upheld' } });
    await post(`/api/petitions/${ok}/recheck`, officer, { reason: '信访人仍不服' }).expect(200);
    const closed = await post(`/api/petitions/${ok}/recheck/decision`, districtSupervisor, { result: 'changed', opinion: '变更为部分支持。' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', recheck: { result: 'changed' } });
    expect(closed.body.deadlines.map((d: { stage: string; state: string }) => `${d.stage}:${d.state}`)).toEqual([
      'assign:met', 'accept:met', 'handle:met', 'review:met', 'recheck:met',
    ]);
  });

  it('flags a repeat petition of the same id number and category within 365 days (重复信访)', async () => {
    await t.setClock('2026-04-10T09:00:00+08:00');
    const first = (await post('/api/petitions', officer, petition('11010119900505555X', '征地拆迁')).expect(201)).body;
    expect(first).toMatchObject({ repeat: false, repeatOf: null });
    const other = (await post('/api/petitions', officer, petition('11010119900505555X', '医疗卫生')).expect(201)).body;
    expect(other.repeatOf).toBeNull();
    await t.setClock('2026-05-10T09:00:00+08:00');
    const again = (await post('/api/petitions', officer, petition('11010119900505555x', '征地拆迁')).expect(201)).body;
    expect(again).toMatchObject({ repeat: true, repeatOf: first.id });
    // A petition imported as received before the first is not a repeat of it.
    const older = (await post('/api/petitions', officer, { ...petition('11010119900505555X', '征地拆迁'), receivedAt: '2025-01-01T09:00:00+08:00' }).expect(201)).body;
    expect(older.repeatOf).toBeNull();
    expect(older.id).toMatch(/^XF20250101-0001$/);
  });

  it('masks the petitioner exactly as §8 shows for readers who may not see the identity', async () => {
    await t.setClock('2026-05-11T09:00:00+08:00');
    const { body } = await post('/api/petitions', officer, { ...petition('110101199003071234', '环境保护'), petitioner: { name: '张三明', idNumber: '110101199003071234', phone: '13812345678' } }).expect(201);
    await post(`/api/petitions/${body.id}/assign`, officer, { unitId: 'U-JD-01-01', mode: 'assign' }).expect(200);
    expect((await get(`/api/petitions/${body.id}`, community).expect(200)).body.petitioner).toEqual({ name: '张三明', idNumber: '110101199003071234', phone: '13812345678' });
    expect((await get(`/api/petitions/${body.id}`, streetSupervisor).expect(200)).body.petitioner).toEqual({ name: '张*明', idNumber: '1101**********1234', phone: '138****5678' });
    await get(`/api/petitions/${body.id}`, bureau).expect(403);
    await get(`/api/petitions/${body.id}`, t.token(['hotline_operator'], 'U-RX')).expect(403);
    // A petition not yet assigned is with the petitions bureau: the district's supervisors (above the bureau, where
    // its assign stage escalates) read it masked; a street's supervisor does not.
    const unassigned = await post('/api/petitions', officer, { ...petition('110101199003075678', '劳动保障'), petitioner: { name: '李四海', idNumber: '110101199003075678', phone: '13900001111' } }).expect(201);
    expect((await get(`/api/petitions/${unassigned.body.id}`, districtSupervisor).expect(200)).body.petitioner).toEqual({ name: '李*海', idNumber: '1101**********5678', phone: '139****1111' });
    await get(`/api/petitions/${unassigned.body.id}`, streetSupervisor).expect(403);
    // …and alike for a petition that does not exist: a 404 would tell them which do.
    await get('/api/petitions/XF20260511-0999', t.token(['hotline_operator'], 'U-RX')).expect(403);
    await get('/api/cases/petition/XF20260511-0999/events', t.token(['hotline_operator'], 'U-RX')).expect(403);
    const list = await get('/api/petitions?unitId=U-JD-01', streetSupervisor).expect(200);
    expect(list.body.items.find((p: { id: string }) => p.id === body.id).petitioner).toEqual({ name: '张*明', idNumber: '1101**********1234', phone: '138****5678' });
    const events = await get(`/api/cases/petition/${body.id}/events`, officer).expect(200);
    expect(events.body.items[0].data.petitioner.name).toBe('张*明');
    expect(JSON.stringify(events.body)).not.toContain('idDigest');
  });

  it('hides an anonymous petitioner from the handling unit, and leads (包案) only within the supervisor\'s subtree', async () => {
    const { body } = await post('/api/petitions', officer, { ...petition('110101199006066666', '社会治安'), anonymous: true }).expect(201);
    await post(`/api/petitions/${body.id}/assign`, officer, { unitId: 'U-JD-01-01', mode: 'forward' }).expect(200);
    expect((await get(`/api/petitions/${body.id}`, community).expect(200)).body.petitioner.name).toBe('王*国');
    expect((await get(`/api/petitions/${body.id}`, officer).expect(200)).body.petitioner.name).toBe('王建国');
    await post(`/api/petitions/${body.id}/lead`, t.token(['supervisor'], 'U-JD-02'), { leaderName: '李副区长' }).expect(403);
    expect((await post(`/api/petitions/${body.id}/lead`, districtSupervisor, { leaderName: '李副区长' }).expect(200)).body.ledBy).toBe('李副区长');
  });
});
