import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { EventStore } from '@qf/event-store';
import { EVENT_STORE } from '@qf/platform';
import { TestApp, startApp } from './support/app';
import { dropSchema, readModelTargets } from './support/targets';

type Deadlines = { deadlines: Array<{ stage: string; dueAt: string }> };
const due = (body: Deadlines, stage: string) => body.deadlines.filter((d) => d.stage === stage).pop()?.dueAt;

const DEFAULTS = {
  hotline: {
    sign: { urgent: { value: 2, unit: 'hours' }, normal: { value: 1, unit: 'working_days' } },
    reply: { urgent: { value: 1, unit: 'working_days' }, normal: { value: 5, unit: 'working_days' } },
  },
  petition: {
    assign: { value: 15, unit: 'calendar_days' },
    accept: { value: 15, unit: 'calendar_days' },
    handle: { value: 60, unit: 'calendar_days' },
    review: { value: 30, unit: 'calendar_days' },
    recheck: { value: 30, unit: 'calendar_days' },
  },
  clue: {
    disposition: { value: 1, unit: 'calendar_months' },
    reporter_notice: { value: 15, unit: 'working_days' },
    inquiry_reply: { value: 15, unit: 'working_days' },
    verification: { value: 3, unit: 'calendar_months' },
  },
  supervision: {
    '13710.study': { value: 0, unit: 'calendar_days' },
    '13710.feedback': { value: 3, unit: 'calendar_days' },
    '13710.effect': { value: 7, unit: 'calendar_days' },
    '13710.resolve': { value: 10, unit: 'calendar_days' },
    'standard.feedback': { value: 7, unit: 'working_days' },
    'standard.resolve': { value: 15, unit: 'working_days' },
  },
};

/**
 * SPEC §4 "SLA policy": the admin changes a stage's time limit; the change is an event of the `sla-policy` stream,
 * new deadlines start under it, running ones keep their due times, and it survives a restart. Over HTTP, on the
 * manual clock (Mon 2026-03-16, no holiday nearby).
 */
describe.each(readModelTargets('slapolicy'))('SLA policy (时限规则) over HTTP, read models on %s', (_label, env) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qf-sla-'));
  let t: TestApp;
  let admin: string;
  let operator: string;
  let supervisor: string;
  let leader: string;
  const put = (path: string, token: string, body: unknown) => request(t.http).put(`/api/admin/sla-policy/${path}`).set('Authorization', `Bearer ${token}`).send(body as object);
  const post = (path: string, token: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const order = (orderNo: string, extra: object = {}) => ({ orderNo, channel: 'phone', category: '城市管理', urgency: 'normal', content: '小区门口夜间占道经营', unitId: 'U-JD-01', ...extra });
  const petition = { channel: 'visit', petitioner: { name: '王建国', idNumber: '110101199003071234' }, subject: '小区物业拒不维修电梯', content: '电梯停运两个月，物业拒不维修。', category: '城乡建设/物业管理' };
  const clue = {
    source: 'inspection_tour',
    subjects: [{ name: '赵某某', unitId: 'U-BM-ZJ', rank: 'section', partyMember: true }],
    allegations: '违规收受管理服务对象礼品礼金，涉嫌违反廉洁纪律。',
    category: 'integrity',
  };
  const policyEvents = () => t.app.get<EventStore>(EVENT_STORE).readStream('sla-policy');

  beforeAll(async () => {
    t = await startApp({ ...env, CLOCK_START: '2026-03-16T09:00:00+08:00' }, dataDir);
    admin = t.token(['admin'], null, 'admin-1');
    operator = t.token(['hotline_operator'], 'U-RX');
    supervisor = t.token(['supervisor'], 'U-QU');
    leader = t.token(['leader'], 'U-QU');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
    await dropSchema(env);
  });

  it('GET answers the §4 defaults in the public shape, to admin, supervisor and leader', async () => {
    for (const token of [admin, supervisor, leader]) expect((await get('/api/admin/sla-policy', token).expect(200)).body).toEqual(DEFAULTS);
  });

  it('PUT hotline sign normal → 2 working days: a new order gets the new due time, an older one keeps its own', async () => {
    const before = await post('/api/hotline/orders', operator, order('RX-OLD')).expect(201);
    expect(due(before.body, 'sign')).toBe('2026-03-17T23:59:59.999+08:00'); // 1 working day after Mon

    await t.setClock('2026-03-16T10:00:00+08:00');
    const changed = await put('hotline/sign', admin, { normal: { value: 2, unit: 'working_days' } }).set('X-Correlation-Id', 'sla-change-1').expect(200);
    expect(changed.body).toEqual({ ...DEFAULTS, hotline: { ...DEFAULTS.hotline, sign: { urgent: { value: 2, unit: 'hours' }, normal: { value: 2, unit: 'working_days' } } } });
    expect((await get('/api/admin/sla-policy', leader).expect(200)).body).toEqual(changed.body);

    const after = await post('/api/hotline/orders', operator, order('RX-NEW')).expect(201);
    const detail = (await get('/api/hotline/orders/RX-NEW', operator).expect(200)).body;
    expect(due(detail, 'sign')).toBe('2026-03-18T23:59:59.999+08:00'); // Tue 17, Wed 18
    expect(due(detail, 'reply')).toBe('2026-03-23T23:59:59.999+08:00'); // reply unchanged: 5 working days
    expect(due(after.body, 'sign')).toBe(due(detail, 'sign'));
    // The order dispatched before the change keeps its due time.
    expect(due((await get('/api/hotline/orders/RX-OLD', operator).expect(200)).body, 'sign')).toBe('2026-03-17T23:59:59.999+08:00');
    // An import dispatched (in business time) before the change was dispatched under the old policy.
    const backdated = await post('/api/hotline/orders', operator, order('RX-BACK', { dispatchedAt: '2026-03-16T09:30:00+08:00' })).expect(201);
    expect(due(backdated.body, 'sign')).toBe('2026-03-17T23:59:59.999+08:00');
    // Urgent orders are untouched: 2 hours.
    const urgent = await post('/api/hotline/orders', operator, order('RX-URGENT', { urgency: 'urgent' })).expect(201);
    expect(due(urgent.body, 'sign')).toBe('2026-03-16T12:00:00.000+08:00');
  });

  it('the change is an event of the sla-policy stream with actor and correlation id; the same value again appends nothing', async () => {
    const events = await policyEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'SlaLimitChanged',
      data: { kind: 'hotline', stage: 'sign', urgency: 'normal', limit: { amount: 2, unit: 'working_days' } },
      metadata: { occurredAt: '2026-03-16T10:00:00.000+08:00', actor: { sub: 'admin-1', roles: ['admin'] }, correlationId: 'sla-change-1' },
    });
    const again = await put('hotline/sign', admin, { normal: { value: 2, unit: 'working_days' }, urgent: { value: 2, unit: 'hours' } }).expect(200);
    expect(again.body.hotline.sign.normal).toEqual({ value: 2, unit: 'working_days' });
    expect(await policyEvents()).toHaveLength(1);
    // If-Match is honoured against the policy's version.
    const stale = await put('petition/review', admin, { value: 20, unit: 'calendar_days' }).set('If-Match', '"5"').expect(409);
    expect(stale.body.code).toBe('CONCURRENCY_CONFLICT');
    expect(await policyEvents()).toHaveLength(1);
  });

  it('petition, clue and supervision-order limits apply to new cases', async () => {
    await put('petition/assign', admin, { value: 20, unit: 'calendar_days' }).expect(200);
    const registered = await post('/api/petitions', t.token(['petition_officer'], 'U-XF'), petition).expect(201);
    expect(due(registered.body, 'assign')).toBe('2026-04-05T23:59:59.999+08:00'); // 03-16 + 20 days

    await put('clue/disposition', admin, { value: 2, unit: 'calendar_months' }).expect(200);
    const xs = await post('/api/clues', t.token(['inspector'], 'U-JW'), clue).expect(201);
    expect(due(xs.body, 'disposition')).toBe('2026-05-16T23:59:59.999+08:00');

    const policy = await put('supervision/13710.feedback', admin, { value: 5, unit: 'calendar_days' }).expect(200);
    expect(policy.body.supervision['13710.feedback']).toEqual({ value: 5, unit: 'calendar_days' });
    const issued = await post('/api/supervision-orders', supervisor, { caseKind: 'hotline', caseId: 'RX-NEW', requirement: '请于当日研究部署，限期反馈', preset: '13710' }).expect(201);
    expect(issued.body.deadlines.map((d: { stage: string; dueAt: string }) => [d.stage, d.dueAt])).toEqual([
      ['study', '2026-03-16T23:59:59.999+08:00'],
      ['feedback', '2026-03-21T23:59:59.999+08:00'],
      ['effect', '2026-03-23T23:59:59.999+08:00'],
      ['resolve', '2026-03-26T23:59:59.999+08:00'],
    ]);
    expect(await policyEvents()).toHaveLength(4);
  });

  it.each([
    ['an unknown kind', 'traffic/sign', { value: 3, unit: 'hours' }, 'kind'],
    ['the internal kind name', 'supervision_order/13710.feedback', { value: 3, unit: 'hours' }, 'kind'],
    ['an unknown stage', 'petition/sign', { value: 3, unit: 'hours' }, 'stage'],
    ['a unit outside the list', 'petition/assign', { value: 3, unit: 'weeks' }, 'unit'],
    ['value 0', 'petition/assign', { value: 0, unit: 'calendar_days' }, 'value'],
    ['value 1.5', 'petition/assign', { value: 1.5, unit: 'calendar_days' }, 'value'],
    ['value "3"', 'petition/assign', { value: '3', unit: 'calendar_days' }, 'value'],
    ['value over ten years of its unit', 'petition/assign', { value: 3651, unit: 'calendar_days' }, 'value'],
    ['value over ten years of hours', 'petition/assign', { value: 87_601, unit: 'hours' }, 'value'],
    ['a missing unit', 'petition/assign', { value: 3 }, 'unit'],
    ['an unknown field', 'petition/assign', { value: 3, unit: 'calendar_days', reason: '调整' }, 'reason'],
    ['hotline without urgent or normal', 'hotline/sign', {}, 'urgent'],
    ['hotline given a single limit', 'hotline/sign', { value: 3, unit: 'hours' }, 'value'],
    ['hotline with a bad nested limit', 'hotline/reply', { normal: { value: 2, unit: 'working_days', note: 'x' } }, 'normal.note'],
    ['hotline with urgent null', 'hotline/reply', { urgent: null, normal: { value: 6, unit: 'working_days' } }, 'urgent'],
    ['a body that is not an object', 'petition/assign', [1, 2], 'body'],
  ])('400 VALIDATION_FAILED for %s', async (_case, path, body, field) => {
    const res = await put(path, admin, body).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]));
  });

  it('a failed change appends nothing', async () => {
    expect(await policyEvents()).toHaveLength(4);
  });

  it('only the admin changes it; unit roles may not read it; no token is 401', async () => {
    const body = { value: 3, unit: 'calendar_days' };
    expect((await put('petition/assign', supervisor, body).expect(403)).body.code).toBe('FORBIDDEN');
    await put('petition/assign', leader, body).expect(403);
    await put('petition/assign', operator, body).expect(403);
    for (const token of [t.token(['unit_handler'], 'U-JD-01'), t.token(['unit_head'], 'U-JD-01'), operator, t.token(['inspector'], 'U-JW')]) {
      await get('/api/admin/sla-policy', token).expect(403);
    }
    await request(t.http).get('/api/admin/sla-policy').expect(401);
    await request(t.http).put('/api/admin/sla-policy/petition/assign').send(body).expect(401);
    expect(await policyEvents()).toHaveLength(4);
  });

  it('the OpenAPI description shows both routes', async () => {
    const doc = (await request(t.http).get('/docs/openapi.json').expect(200)).body;
    expect(doc.paths['/api/admin/sla-policy'].get).toBeDefined();
    expect(doc.paths['/api/admin/sla-policy/{kind}/{stage}'].put).toBeDefined();
    expect(doc.components.schemas.SlaLimitDto.properties.unit.enum).toEqual(['hours', 'calendar_days', 'working_days', 'calendar_months']);
    expect(Object.keys(doc.components.schemas.SupervisionPolicyView.properties)).toContain('13710.study');
  });

  it('a second process on the same store sees a change at once (nothing cached)', async () => {
    const other = await startApp({ ...env, CLOCK_START: '2026-03-16T09:00:00+08:00' }, dataDir);
    try {
      const otherAdmin = other.token(['admin'], null, 'admin-2');
      expect((await request(other.http).get('/api/admin/sla-policy').set('Authorization', `Bearer ${otherAdmin}`).expect(200)).body.petition.recheck).toEqual({ value: 30, unit: 'calendar_days' });
      await put('petition/recheck', admin, { value: 45, unit: 'calendar_days' }).expect(200);
      expect((await request(other.http).get('/api/admin/sla-policy').set('Authorization', `Bearer ${otherAdmin}`).expect(200)).body.petition.recheck).toEqual({ value: 45, unit: 'calendar_days' });
      // The other way round, into a decision: changed there, the next order here is dispatched under it.
      await request(other.http).put('/api/admin/sla-policy/hotline/sign').set('Authorization', `Bearer ${otherAdmin}`).send({ normal: { value: 3, unit: 'working_days' } }).expect(200);
      expect(due((await post('/api/hotline/orders', operator, order('RX-SHARED')).expect(201)).body, 'sign')).toBe('2026-03-19T23:59:59.999+08:00');
      await put('hotline/sign', admin, { normal: { value: 2, unit: 'working_days' } }).expect(200);
    } finally {
      await other.close();
    }
    expect(await policyEvents()).toHaveLength(7);
  });

  it('a restart on the same data keeps the policy: it is folded from the store', async () => {
    const expected = (await get('/api/admin/sla-policy', admin).expect(200)).body;
    await t.close();
    t = await startApp({ ...env, CLOCK_START: '2026-03-16T09:00:00+08:00' }, dataDir);
    expect((await get('/api/admin/sla-policy', admin).expect(200)).body).toEqual(expected);
    expect(expected.petition.assign).toEqual({ value: 20, unit: 'calendar_days' });
    expect(await policyEvents()).toHaveLength(7);
    // The manual clock is kept too (10:00); a new order is dispatched under the changed policy.
    const restarted = await post('/api/hotline/orders', operator, order('RX-RESTART')).expect(201);
    expect(due(restarted.body, 'sign')).toBe('2026-03-18T23:59:59.999+08:00');
  });

  it('any positive whole number an office could mean is a limit: 60 days written as 1,440 hours', async () => {
    await put('petition/handle', admin, { value: 1440, unit: 'hours' }).expect(200);
    expect((await get('/api/admin/sla-policy', admin).expect(200)).body.petition.handle).toEqual({ value: 1440, unit: 'hours' });
  });
});
