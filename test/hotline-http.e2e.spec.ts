import request from 'supertest';
import jwt from 'jsonwebtoken';
import { TestApp, startApp } from './support/app';
import { dropSchema, readModelTargets } from './support/targets';

/** The acceptance walk of issue 2: a 12345 work order from the hotline centre to a street and back, over HTTP. */
describe.each(readModelTargets('hotline'))('12345 work orders over HTTP, read models on %s', (_store, env) => {
  let t: TestApp;
  let operator: string;
  let street: string;
  let otherStreet: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await startApp(env);
    operator = t.token(['hotline_operator'], 'U-RX');
    street = t.token(['unit_handler'], 'U-JD-01');
    otherStreet = t.token(['unit_handler'], 'U-JD-02');
    supervisor = t.token(['supervisor'], 'U-QU');
  });
  afterAll(async () => {
    await t.close();
    await dropSchema(env);
  });

  const order = {
    orderNo: 'RX20250930-0001',
    channel: 'phone',
    category: '城市管理/占道经营',
    urgency: 'normal',
    content: '小区门口夜间占道经营，噪音扰民',
    caller: { name: '张三明', phone: '13812345678' },
    address: '东城街道桃李路18号',
    unitId: 'U-JD-01',
  };
  const post = (path: string, token: string, body?: object) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body ?? {});
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const base = `/api/hotline/orders/${order.orderNo}`;

  it('walks create → sign → reply → unsatisfied visit → reopen → sign → reply → satisfied visit → closed', async () => {
    await t.setClock('2025-09-30T10:00:00+08:00');
    const created = await post('/api/hotline/orders', operator, order).expect(201);
    expect(created.body).toMatchObject({ kind: 'hotline', id: order.orderNo, status: 'dispatched', unitId: 'U-JD-01', version: 0 });
    // The §4 example, over HTTP.
    expect(created.body.deadlines.map((d: { stage: string; dueAt: string; state: string }) => [d.stage, d.dueAt, d.state])).toEqual([
      ['sign', '2025-10-09T23:59:59.999+08:00', 'pending'],
      ['reply', '2025-10-14T23:59:59.999+08:00', 'pending'],
    ]);
    expect(created.body.caller).toEqual(order.caller);

    const again = await post('/api/hotline/orders', operator, order).expect(200);
    expect(again.body.version).toBe(0);
    const conflict = await post('/api/hotline/orders', operator, { ...order, content: '另一件事：路灯不亮' }).expect(409);
    expect(conflict.body).toMatchObject({ statusCode: 409, code: 'DUPLICATE' });

    await t.setClock('2025-09-30T11:00:00+08:00');
    await post(`${base}/sign`, otherStreet).expect(403);
    expect((await post(`${base}/reply`, street, { outcome: 'resolved', reply: '已处理完毕，回复群众。' }).expect(422)).body.code).toBe('INVALID_TRANSITION');
    expect((await post(`${base}/sign`, street).expect(200)).body.status).toBe('signed');
    await post(`${base}/reply`, street, { outcome: 'resolved', reply: '已联合城管中队清理占道摊点。' }).expect(200);
    await post(`${base}/visit`, operator, { satisfaction: 'unsatisfied', resolved: false }).expect(200);
    expect((await post(`${base}/reopen`, operator, { reason: '群众反映仍未解决' }).expect(200)).body.status).toBe('reopened');
    await post(`${base}/sign`, street).expect(200);
    await post(`${base}/reply`, street, { outcome: 'resolved', reply: '已再次清理，并安排夜间巡查。' }).expect(200);
    const closed = await post(`${base}/visit`, operator, { satisfaction: 'satisfied', resolved: true }).expect(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.deadlines.map((d: { state: string }) => d.state)).toEqual(['met', 'met', 'met', 'met']);

    const timeline = await get(`/api/cases/hotline/${order.orderNo}/events`, operator).expect(200);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual([
      'OrderDispatched', 'OrderSigned', 'OrderReplied', 'OrderVisited', 'OrderReopened', 'OrderSigned', 'OrderReplied', 'OrderVisited', 'OrderClosed',
    ]);
    // Timelines show the caller masked, even to the hotline centre.
    expect(timeline.body.items[0].data.caller).toEqual({ name: '张*明', phone: '138****5678' });
  });

  it('reads are scoped: the street sees its order, another street gets 403, the supervisor sees the subtree masked', async () => {
    expect((await get(base, street).expect(200)).body.caller).toEqual(order.caller);
    await get(base, otherStreet).expect(403);
    expect((await get(base, supervisor).expect(200)).body.caller).toEqual({ name: '张*明', phone: '138****5678' });
    const list = await get('/api/hotline/orders', street).expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(list.body.items[0]).toMatchObject({ id: order.orderNo, caller: { name: '张*明' } });
    expect((await get('/api/hotline/orders', otherStreet).expect(200)).body.total).toBe(0);
    await get('/api/hotline/orders', t.token(['leader'], 'U-QU')).expect(403);
    // A role that never reads work orders is refused alike whether the order exists or not: a 404 would tell it.
    for (const path of [base, '/api/hotline/orders/RX-NO-SUCH', `/api/cases/hotline/${order.orderNo}/events`, '/api/cases/hotline/RX-NO-SUCH/events']) {
      await get(path, t.token(['leader'], 'U-QU')).expect(403);
      await get(path, t.token(['admin'])).expect(403);
    }
  });

  it('asOf folds the order at a past moment', async () => {
    const past = await get(`${base}?asOf=2025-09-30T10:30:00%2B08:00`, operator).expect(200);
    expect(past.body).toMatchObject({ status: 'dispatched', version: 0 });
    await get(`${base}?asOf=2025-09-29T10:30:00%2B08:00`, operator).expect(404);
  });

  it('rejects bad input with 400 and field details, and changes nothing', async () => {
    const bad = await post('/api/hotline/orders', operator, { ...order, orderNo: 'RX-BAD-1', urgency: 'very', extra: 1 }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'urgency' }), expect.objectContaining({ field: 'extra' })]));
    await get('/api/hotline/orders/RX-BAD-1', operator).expect(404);
    const nested = await post('/api/hotline/orders', operator, { ...order, orderNo: 'RX-BAD-2', caller: { name: '李四', phone: 'x' } }).expect(400);
    expect(nested.body.details[0].field).toBe('caller.phone');
  });

  it('refuses a body over 256 KiB with 413', async () => {
    const res = await post('/api/hotline/orders', operator, { ...order, orderNo: 'RX-BIG', content: 'x'.repeat(300 * 1024) }).expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers 401 without a token or with a forged or expired one', async () => {
    expect((await request(t.http).get('/api/hotline/orders').expect(401)).body.code).toBe('UNAUTHENTICATED');
    const forged = jwt.sign({ roles: ['hotline_operator'], unitId: 'U-RX' }, 'not-the-secret-at-all', { subject: 'x', algorithm: 'HS256' });
    await get('/api/hotline/orders', forged).expect(401);
    const none = jwt.sign({ roles: ['hotline_operator'] }, '', { subject: 'x', algorithm: 'none' } as jwt.SignOptions);
    await get('/api/hotline/orders', none).expect(401);
  });

  it('refuses a stale If-Match with 409 and accepts the current version', async () => {
    await t.setClock('2025-10-09T09:00:00+08:00');
    const created = await post('/api/hotline/orders', operator, { ...order, orderNo: 'RX-IFMATCH' }).expect(201);
    const stale = await post('/api/hotline/orders/RX-IFMATCH/sign', street).set('If-Match', String(created.body.version + 1)).expect(409);
    expect(stale.body.code).toBe('CONCURRENCY_CONFLICT');
    await post('/api/hotline/orders/RX-IFMATCH/sign', street).set('If-Match', `"${created.body.version}"`).expect(200);
    // An order that does not exist is not found, whatever version the caller expected.
    expect((await post('/api/hotline/orders/RX-NO-SUCH/sign', street).set('If-Match', '0').expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('a repeated Idempotency-Key replays the first answer and appends nothing; with another body it is refused', async () => {
    const body = { ...order, orderNo: 'RX-IDEM' };
    const first = await post('/api/hotline/orders', operator, body).set('Idempotency-Key', 'k-1').expect(201);
    await post('/api/hotline/orders/RX-IDEM/sign', street).set('Idempotency-Key', 'k-2').expect(200);
    const replay = await post('/api/hotline/orders/RX-IDEM/sign', street).set('Idempotency-Key', 'k-2').expect(200);
    expect(replay.headers['idempotent-replay']).toBe('true');
    const replayCreate = await post('/api/hotline/orders', operator, body).set('Idempotency-Key', 'k-1').expect(201);
    expect(replayCreate.body).toEqual(first.body);
    const events = await get('/api/cases/hotline/RX-IDEM/events', operator).expect(200);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['OrderDispatched', 'OrderSigned']);
    // Keys are scoped to the caller: the operator's k-1 on another path is refused, the street's own k-1 is new.
    expect((await post('/api/hotline/orders/RX-IDEM/visit', operator, { satisfaction: 'satisfied', resolved: true }).set('Idempotency-Key', 'k-1').expect(422)).body.code).toBe('RULE_VIOLATION');
    expect((await post('/api/hotline/orders', operator, { ...body, content: '换了内容' }).set('Idempotency-Key', 'k-1').expect(422)).body.code).toBe('RULE_VIOLATION');
    expect((await post('/api/hotline/orders/RX-IDEM/sign', street).set('Idempotency-Key', 'k-1').expect(422)).body.code).toBe('INVALID_TRANSITION');
  });

  it('return within 2 working days, redispatch to another unit with fresh deadlines', async () => {
    await t.setClock('2025-10-10T09:00:00+08:00');
    await post('/api/hotline/orders', operator, { ...order, orderNo: 'RX-RET' }).expect(201);
    await post('/api/hotline/orders/RX-RET/return', street, { reason: '短' }).expect(400);
    expect((await post('/api/hotline/orders/RX-RET/return', street, { reason: '该路段属西城街道管辖' }).expect(200)).body.status).toBe('returned');
    await post('/api/hotline/orders/RX-RET/dispatch', operator, { unitId: 'U-NOPE' }).expect(422);
    const redispatched = await post('/api/hotline/orders/RX-RET/dispatch', operator, { unitId: 'U-JD-02' }).expect(200);
    expect(redispatched.body).toMatchObject({ status: 'dispatched', unitId: 'U-JD-02', round: 2 });
    await post('/api/hotline/orders/RX-RET/sign', street).expect(403);
    await post('/api/hotline/orders/RX-RET/sign', otherStreet).expect(200);
  });

  it('an approved extension moves the reply due time; overdue shows with the clock', async () => {
    await t.setClock('2025-10-13T09:00:00+08:00');
    await post('/api/hotline/orders', operator, { ...order, orderNo: 'RX-EXT' }).expect(201);
    await post('/api/hotline/orders/RX-EXT/extension', street, { days: 11, reason: '太长' }).expect(400);
    await post('/api/hotline/orders/RX-EXT/extension', street, { days: 2, reason: '需协调住建部门现场勘查' }).expect(200);
    const decided = await post('/api/hotline/orders/RX-EXT/extension/decision', operator, { approved: true }).expect(200);
    // Dispatched Mon 10-13: reply due Mon 10-20, +2 working days → Wed 10-22.
    expect(decided.body.deadlines.find((d: { stage: string }) => d.stage === 'reply').dueAt).toBe('2025-10-22T23:59:59.999+08:00');
    await t.setClock('2025-10-15T09:00:00+08:00');
    const overdue = await get('/api/hotline/orders?overdue=true', operator).expect(200);
    expect(overdue.body.items.map((o: { id: string }) => o.id)).toContain('RX-EXT');
    const detail = await get('/api/hotline/orders/RX-EXT', operator).expect(200);
    expect(detail.body.deadlines.find((d: { stage: string }) => d.stage === 'sign').state).toBe('overdue');
  });

  it('knownAt keeps a past answer stable; without it a backdated import shows as a correction', async () => {
    await t.setClock('2025-10-20T09:00:00+08:00');
    // Imported on 10-20 as dispatched on 10-16.
    await post('/api/hotline/orders', operator, { ...order, orderNo: 'RX-IMPORT', dispatchedAt: '2025-10-16T09:00:00+08:00' }).expect(201);
    const asOf = '2025-10-17T12:00:00%2B08:00';
    const corrected = await get(`/api/hotline/orders/RX-IMPORT?asOf=${asOf}`, operator).expect(200);
    expect(corrected.body).toMatchObject({ status: 'dispatched', receivedAt: '2025-10-16T09:00:00.000+08:00' });
    // As known on 10-18, the order did not exist yet — and that answer never changes.
    await get(`/api/hotline/orders/RX-IMPORT?asOf=${asOf}&knownAt=2025-10-18T00:00:00%2B08:00`, operator).expect(404);
    expect((await get(`/api/cases/hotline/RX-IMPORT?asOf=${asOf}&knownAt=2025-10-20T09:00:00%2B08:00`, operator).expect(200)).body.version).toBe(0);
    await post('/api/hotline/orders', operator, { ...order, orderNo: 'RX-FUTURE', dispatchedAt: '2025-10-21T09:00:00+08:00' }).expect(422);
    // A bare date in a list's received range is the whole Shanghai day (SPEC §4): 09:00 on the 16th is inside it.
    const ids = async (range: string) => (await get(`/api/hotline/orders?${range}`, operator).expect(200)).body.items.map((o: { id: string }) => o.id);
    expect(await ids('from=2025-10-16&to=2025-10-16')).toContain('RX-IMPORT');
    expect(await ids('from=2025-10-17&to=2025-10-31')).not.toContain('RX-IMPORT');
  });

  it('the manual clock refuses to move backwards', async () => {
    const res = await request(t.http).post('/api/admin/clock').set('Authorization', `Bearer ${t.token(['admin'])}`).send({ now: '2020-01-01T00:00:00+08:00' }).expect(422);
    expect(res.body.code).toBe('RULE_VIOLATION');
  });

  it('the manual clock reads a time without an offset as Asia/Shanghai time, as every business time', async () => {
    const admin = t.token(['admin']);
    const now = Date.parse((await get('/api/admin/clock', admin).expect(200)).body.now);
    const nextDay = new Date(now + 86_400_000).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 10);
    await request(t.http).post('/api/admin/clock').set('Authorization', `Bearer ${admin}`).send({ now: `${nextDay}T11:00:00` }).expect(200);
    expect((await get('/api/admin/clock', admin).expect(200)).body.now).toBe(`${nextDay}T11:00:00.000+08:00`);
  });
});
