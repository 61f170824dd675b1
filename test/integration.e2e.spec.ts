import request from 'supertest';
import { TestApp, startApp } from './support/app';
import { dropSchema, readModelTargets } from './support/targets';

interface OutboxItem {
  position: number;
  topic: string;
  key: string | null;
  value: Record<string, unknown>;
  headers: Record<string, string>;
  publishedAt: string;
}

const CALLER = { name: '欧阳明珠', phone: '13912344321' };
const PERSONAL = ['欧阳明珠', '13912344321', '欧**珠', '139****4321', '13800001111', '张小凡'];

/**
 * Issue 10, SPEC §9 on the embedded default: what leaves through the outbox (replies, the escalation ladder, every
 * domain event — each once, none with personal data) and what the hotline centre pushes in (applied, duplicate,
 * dead-lettered with its code and without personal data).
 */
describe.each(readModelTargets('integration'))('integration (outbox and inbound push) on %s', (_label, env) => {
  let t: TestApp;
  let operator: string;
  let admin: string;
  const handler = () => t.token(['unit_handler'], 'U-JD-01');
  const post = (path: string, token: string, body: unknown = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body as object);
  const push = (body: unknown, token = operator) => post('/api/inbound/hotline.orders.v1', token, body);
  /** The whole outbox (or one topic of it), paged with `after`/`next` as a puller would. */
  const outbox = async (topic?: string): Promise<OutboxItem[]> => {
    const all: OutboxItem[] = [];
    let after = 0;
    for (;;) {
      const res = await request(t.http)
        .get(`/api/outbox?limit=50&after=${after}${topic ? `&topic=${topic}` : ''}`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      all.push(...res.body.items);
      if (res.body.items.length === 0) return all;
      expect(res.body.next).toBe(res.body.items[res.body.items.length - 1].position);
      after = res.body.next;
    }
  };
  const order = (orderNo: string, extra: object = {}) => ({ orderNo, channel: 'phone', category: '城市管理', urgency: 'normal', content: '夜间占道经营噪音扰民', unitId: 'U-JD-01', ...extra });

  beforeAll(async () => {
    t = await startApp({ ...env, CLOCK_START: '2026-03-16T09:00:00+08:00' });
    operator = t.token(['hotline_operator'], 'U-RX');
    admin = t.token(['admin']);
  });
  afterAll(async () => {
    await t?.close();
    await dropSchema(env);
  });

  it('publishes a reply on hotline.replies.v1 and every event of the order on qingfeng.events.v1, once each', async () => {
    await post('/api/hotline/orders', operator, order('OUT-1', { caller: CALLER, address: '东城街道桃李路18号' })).expect(201);
    await post('/api/hotline/orders/OUT-1/sign', handler()).expect(200);
    await post('/api/hotline/orders/OUT-1/reply', handler(), { outcome: 'resolved', reply: '已联系城管部门清理占道摊点' }).expect(200);
    // The visit retried with its Idempotency-Key (a replay) publishes nothing more.
    for (let i = 0; i < 2; i++) {
      await request(t.http).post('/api/hotline/orders/OUT-1/visit').set('Authorization', `Bearer ${operator}`).set('Idempotency-Key', 'visit-out-1').send({ satisfaction: 'satisfied', resolved: true }).expect(200);
    }

    const replies = (await outbox('hotline.replies.v1')).filter((m) => m.key === 'OUT-1');
    expect(replies).toHaveLength(1);
    expect(replies[0].value).toEqual({ orderNo: 'OUT-1', unitId: 'U-JD-01', outcome: 'resolved', reply: '已联系城管部门清理占道摊点', repliedAt: '2026-03-16T09:00:00.000+08:00' });

    const timeline = (await request(t.http).get('/api/cases/hotline/OUT-1/events').set('Authorization', `Bearer ${operator}`).expect(200)).body.items as Array<{ id: string; type: string }>;
    const events = (await outbox('qingfeng.events.v1')).filter((m) => m.key === 'hotline-OUT-1');
    expect(events.map((m) => m.headers['x-event-id'])).toEqual(timeline.map((e) => e.id));
    expect(events.map((m) => m.value.type)).toEqual(['OrderDispatched', 'OrderSigned', 'OrderReplied', 'OrderVisited', 'OrderClosed']);
    const dispatched = events[0].value as { data: { caller: unknown; address: string } };
    expect(dispatched.data.caller).toBeNull();
    expect(JSON.stringify(dispatched)).not.toContain('sealed');
    expect(JSON.stringify(dispatched)).not.toContain('digest');
    // Positions increase in publishing order; message ids are unique across the whole outbox.
    const all = await outbox();
    expect(all.map((m) => m.position)).toEqual([...all.map((m) => m.position)].sort((a, b) => a - b));
    expect(new Set(all.map((m) => m.headers['x-message-id'])).size).toBe(all.length);
  });

  it('publishes the ladder of an unsigned order on qingfeng.escalations.v1, each level once', async () => {
    await post('/api/hotline/orders', operator, order('OUT-ESC')).expect(201);
    // Dispatched Mon 03-16 09:00: sign due Tue 23:59:59.999; level 3 seven working days after (Thu 03-26).
    for (const now of ['2026-03-17T20:00:00+08:00', '2026-03-18T01:00:00+08:00', '2026-03-21T01:00:00+08:00', '2026-03-27T01:00:00+08:00', '2026-03-28T01:00:00+08:00']) {
      await t.setClock(now);
    }
    let ladder: OutboxItem[] = [];
    for (let i = 0; i < 100; i++) {
      ladder = (await outbox('qingfeng.escalations.v1')).filter((m) => m.key === 'OUT-ESC' && (m.value as { dueAt: string }).dueAt === '2026-03-17T23:59:59.999+08:00');
      if (ladder.length >= 4) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ladder.map((m) => m.value.level)).toEqual([0, 1, 2, 3]);
    expect(ladder.map((m) => [m.value.targetUnitId, m.value.targetRole])).toEqual([
      ['U-JD-01', 'unit_handler'],
      ['U-JD-01', 'unit_head'],
      ['U-QU', 'supervisor'],
      ['U-JW', 'inspector'],
    ]);
    expect(ladder[3].value).toMatchObject({ caseKind: 'hotline', caseId: 'OUT-ESC', unitId: 'U-JD-01', dueAt: '2026-03-17T23:59:59.999+08:00' });
    expect(new Set(ladder.map((m) => m.value.escalationId)).size).toBe(4);
  });

  it('takes a pushed order.dispatched once: applied, then duplicate, with the order created as the HTTP command would', async () => {
    const message = {
      key: 'IN-1',
      value: { type: 'order.dispatched', orderNo: 'IN-1', occurredAt: '2026-03-16T08:30:00+08:00', payload: { channel: 'app', category: '市容环境', urgency: 'normal', content: '路灯不亮', unitId: 'U-JD-01', caller: { name: '张小凡', phone: '13800001111' } } },
      headers: { 'x-message-id': 'centre-msg-1' },
    };
    expect((await push(message).expect(200)).body).toEqual({ outcome: 'applied' });
    const created = await request(t.http).get('/api/hotline/orders/IN-1').set('Authorization', `Bearer ${operator}`).expect(200);
    expect(created.body).toMatchObject({ status: 'dispatched', unitId: 'U-JD-01', caller: { name: '张小凡', phone: '13800001111' } });
    expect((await push(message).expect(200)).body).toEqual({ outcome: 'duplicate' });
    // Without a message id, the same key and value is the same message.
    const anonymous = { key: 'IN-2', value: { ...message.value, orderNo: 'IN-2' } };
    expect((await push(anonymous).expect(200)).body).toEqual({ outcome: 'applied' });
    expect((await push(anonymous).expect(200)).body).toEqual({ outcome: 'duplicate' });
    // …and without an id, the same key and value as a message consumed before with one is that message again.
    expect((await push({ key: message.key, value: message.value }).expect(200)).body).toEqual({ outcome: 'duplicate' });
    // One message pushed to two consumers at once: one applies it, the other is told it is a duplicate.
    const twice = { key: 'IN-3', value: { ...message.value, orderNo: 'IN-3' }, headers: { 'x-message-id': 'centre-msg-3' } };
    const outcomes = (await Promise.all([push(twice), push(twice), push(twice)])).map((r) => r.body.outcome).sort();
    expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate']);
    // The duplicates appended nothing to the order. (The clock stands past its limits after the ladder test, so the
    // scheduler may append warnings and rungs meanwhile: count what the pushes could have added, not the version.)
    const timeline = (await request(t.http).get('/api/cases/hotline/IN-1/events').set('Authorization', `Bearer ${operator}`).expect(200)).body.items as Array<{ type: string }>;
    expect(timeline.filter((e) => !['DeadlineEscalated', 'AccountabilityClueRegistered'].includes(e.type)).map((e) => e.type)).toEqual(['OrderDispatched']);
    // A visit and a reopen pushed later apply as the operator's commands would.
    await post('/api/hotline/orders/IN-1/sign', handler()).expect(200);
    await post('/api/hotline/orders/IN-1/reply', handler(), { outcome: 'explained', reply: '已安排维修人员检修路灯' }).expect(200);
    const visit = { key: 'IN-1', value: { type: 'order.visited', orderNo: 'IN-1', occurredAt: '2026-03-16T10:00:00+08:00', payload: { satisfaction: 'unsatisfied', resolved: false } } };
    expect((await push(visit).expect(200)).body).toEqual({ outcome: 'applied' });
    const reopen = { key: 'IN-1', value: { type: 'order.reopened', orderNo: 'IN-1', occurredAt: '2026-03-16T10:05:00+08:00', payload: { reason: '群众反映路灯仍不亮' } } };
    expect((await push(reopen, admin).expect(200)).body).toEqual({ outcome: 'applied' });
    expect((await request(t.http).get('/api/hotline/orders/IN-1').set('Authorization', `Bearer ${operator}`).expect(200)).body.status).toBe('reopened');
  });

  it('dead-letters what it cannot take, keyed as it came, with the code and without personal data', async () => {
    const before = (await outbox('hotline.orders.v1.dlq')).length;
    const invalid = {
      key: 'BAD-1',
      value: { type: 'order.dispatched', orderNo: 'BAD-1', occurredAt: '2026-03-16T08:30:00+08:00', payload: { channel: 'fax', urgency: 'normal', content: '联系电话13800001111', unitId: 'U-JD-01', caller: { name: '张小凡', phone: '13800001111' } } },
      headers: { 'x-message-id': 'centre-bad-1' },
    };
    const dead = (await push(invalid).expect(200)).body;
    expect(dead).toMatchObject({ outcome: 'dead-lettered', code: 'VALIDATION_FAILED' });
    expect(dead.message).toContain('payload.channel');
    expect((await push(invalid).expect(200)).body).toEqual({ outcome: 'duplicate' });
    await request(t.http).get('/api/hotline/orders/BAD-1').set('Authorization', `Bearer ${operator}`).expect(404);

    // A visit before the reply is the wrong moment, not a malformed message.
    await post('/api/hotline/orders', operator, order('EARLY-1')).expect(201);
    const early = { key: 'EARLY-1', value: { type: 'order.visited', orderNo: 'EARLY-1', occurredAt: '2026-03-16T10:00:00+08:00', payload: { satisfaction: 'satisfied', resolved: true } } };
    expect((await push(early).expect(200)).body).toMatchObject({ outcome: 'dead-lettered', code: 'INVALID_TRANSITION' });
    expect((await request(t.http).get('/api/hotline/orders/EARLY-1').set('Authorization', `Bearer ${operator}`).expect(200)).body.status).toBe('dispatched');
    // Garbage inside a proper envelope is the consumer's to judge; a unit that does not exist is refused as the HTTP command refuses it.
    expect((await push({ key: 'X', value: 'not a message' }).expect(200)).body).toMatchObject({ outcome: 'dead-lettered', code: 'VALIDATION_FAILED' });
    expect((await push({ key: 'NOUNIT-1', value: { ...invalid.value, orderNo: 'NOUNIT-1', payload: { channel: 'phone', category: '其他', urgency: 'normal', content: '测试', unitId: 'U-NOPE' } } }).expect(200)).body).toMatchObject({ outcome: 'dead-lettered', code: 'RULE_VIOLATION' });

    const dlq = (await outbox('hotline.orders.v1.dlq')).slice(before);
    expect(dlq.map((m) => [m.key, m.headers['x-error-code']])).toEqual([
      ['BAD-1', 'VALIDATION_FAILED'],
      ['EARLY-1', 'INVALID_TRANSITION'],
      ['X', 'VALIDATION_FAILED'],
      ['NOUNIT-1', 'RULE_VIOLATION'],
    ]);
    expect(dlq[0].headers['x-error-message']).toContain('payload.channel');
    expect(dlq[0].value).toMatchObject({ type: 'order.dispatched', orderNo: 'BAD-1', payload: { channel: 'fax', caller: '[removed]' } });
    expect(dlq[2].value).toBe('not a message');
    // Times in Shanghai with their offset, like every other time the API shows.
    for (const m of dlq) expect(m.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
  });

  it('dead-letters a message with its own headers, personal data removed, beside the code and the reason', async () => {
    const before = (await outbox('hotline.orders.v1.dlq')).length;
    const rejected = (orderNo: string, headers?: Record<string, string>) => ({
      key: orderNo,
      value: { type: 'order.dispatched', orderNo, occurredAt: '2026-03-16T08:00:00+08:00', payload: { channel: 'phone', category: 'c', urgency: 'normal', content: 'x', unitId: 'U-NOPE' } },
      ...(headers ? { headers } : {}),
    });
    const taken = (await outbox('qingfeng.events.v1'))[0].headers['x-message-id'];
    for (const message of [
      rejected('IN-4', { 'x-message-id': 'm-4', 'x-trace': 'trace-4 回拨13800001111' }),
      // An id redaction cuts into, and none at all: the DLQ message then carries its outbox id.
      rejected('IN-5', { 'x-message-id': '13800001111' }),
      rejected('IN-6'),
      // An id that is already another message's in the outbox does not cost the rejection its place.
      rejected('IN-7', { 'x-message-id': taken }),
    ]) {
      expect((await push(message).expect(200)).body).toMatchObject({ outcome: 'dead-lettered', code: 'RULE_VIOLATION' });
    }
    expect((await push(rejected('IN-4', { 'x-message-id': 'm-4' })).expect(200)).body).toEqual({ outcome: 'duplicate' });

    const dlq = (await outbox('hotline.orders.v1.dlq')).slice(before);
    expect(dlq.map((m) => m.key)).toEqual(['IN-4', 'IN-5', 'IN-6', 'IN-7']);
    expect(dlq[0].headers).toEqual({
      'x-message-id': 'm-4',
      'x-trace': 'trace-4 [removed][removed]',
      'x-error-code': 'RULE_VIOLATION',
      'x-error-message': expect.stringContaining('U-NOPE'),
      'x-event-id': expect.any(String),
    });
    for (const m of dlq.slice(1, 3)) expect(m.headers['x-message-id']).toBe(`${m.headers['x-event-id']}/hotline.orders.v1.dlq`);
    expect(dlq[3].headers['x-message-id']).toBe(taken);
    expect(new Set(dlq.map((m) => m.headers['x-event-id'])).size).toBe(4);
    expect(JSON.stringify(dlq)).not.toContain('13800001111');
  });

  it('dead-letters, never drops or refuses, whatever is inside the envelope: odd headers, prototype keys, deep nesting, names by other names', async () => {
    const before = (await outbox('hotline.orders.v1.dlq')).length;
    const dispatched = (orderNo: string, payload: Record<string, unknown> = {}) => ({
      type: 'order.dispatched',
      orderNo,
      occurredAt: '2026-03-16T08:00:00+08:00',
      payload: { channel: 'app', category: '环保', urgency: 'normal', content: '工地扬尘', unitId: 'U-JD-03', ...payload },
    });
    // An id that is not a string identifies nothing: a valid order under it is dead-lettered, not taken for a duplicate.
    expect((await push({ key: 'ODD-1', value: { q: 2 }, headers: { 'x-message-id': { a: 1 } } }).expect(200)).body).toMatchObject({ outcome: 'dead-lettered' });
    const odd = (await push({ key: 'ODD-2', value: dispatched('ODD-2'), headers: { 'x-message-id': { id: 'rx-81' } } }).expect(200)).body;
    expect(odd).toMatchObject({ outcome: 'dead-lettered', code: 'VALIDATION_FAILED', message: expect.stringContaining('headers.x-message-id') });
    // Keys and depths the HTTP commands refuse with a 400 are, inside a message, the consumer's to judge (SPEC §9).
    expect((await push({ key: 'ODD-3', value: dispatched('ODD-3', { constructor: 1 }) }).expect(200)).body).toMatchObject({ outcome: 'dead-lettered', code: 'VALIDATION_FAILED' });
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { extra: deep };
    expect((await push({ key: 'ODD-4', value: dispatched('ODD-4', { extra: deep }) }).expect(200)).body).toMatchObject({ outcome: 'dead-lettered', code: 'VALIDATION_FAILED' });
    // occurredAt is what the sender sent; the error names it, not the create command's dispatchedAt.
    const late = (await push({ key: 'ODD-5', value: { ...dispatched('ODD-5'), occurredAt: '2026-03-31T23:30:00' } }).expect(200)).body;
    expect(late.message).toContain('value.occurredAt');
    expect(late.message).not.toContain('dispatchedAt');
    // A caller by any other name, phones written with spaces and prefixes, a name in a header: none of it in the DLQ.
    const named = { key: 'ODD-6', value: dispatched('ODD-6', { channel: 'fax', callerName: '李四', callerPhone: '13712345678', content: '回电 138 1234 5678 或 +86-139-1234-5678' }), headers: { 'x-caller': '张三丰 13912345678' } };
    expect((await push(named).expect(200)).body).toMatchObject({ outcome: 'dead-lettered' });
    for (const key of ['ODD-2', 'ODD-3', 'ODD-4']) await request(t.http).get(`/api/hotline/orders/${key}`).set('Authorization', `Bearer ${operator}`).expect(404);
    const dlq = (await outbox('hotline.orders.v1.dlq')).slice(before);
    expect(dlq.map((m) => m.key)).toEqual(['ODD-1', 'ODD-2', 'ODD-3', 'ODD-4', 'ODD-5', 'ODD-6']);
    expect(JSON.stringify(dlq)).not.toMatch(/李四|张三丰|13712345678|1234 5678|139-1234-5678|13912345678/);
    expect(dlq[5].value).toMatchObject({ payload: { callerName: '[removed]', callerPhone: '[removed]' } });
  });

  it('lets only the hotline centre and admins push and pull; a non-envelope is a 400 that changes nothing', async () => {
    for (const token of [t.token(['unit_handler'], 'U-JD-01'), t.token(['unit_head'], 'U-JD-01'), t.token(['supervisor'], 'U-QU'), t.token(['leader'], 'U-QU')]) {
      await push({ key: 'R-1', value: {} }, token).expect(403);
      await request(t.http).get('/api/outbox').set('Authorization', `Bearer ${token}`).expect(403);
    }
    await request(t.http).get('/api/outbox').expect(401);
    // (Other tests' ladders may still be publishing: count what a rejected push could have written — the DLQ.)
    const before = (await outbox('hotline.orders.v1.dlq')).length;
    for (const body of [{}, { key: 'A' }, { value: {} }, { key: 1, value: {} }, { key: 'A', value: {}, extra: true }, { key: 'A', value: {}, headers: 'x' }]) {
      const res = await push(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    await request(t.http).get('/api/outbox?topic=nope').set('Authorization', `Bearer ${admin}`).expect(400);
    await request(t.http).get('/api/outbox?after=-1').set('Authorization', `Bearer ${admin}`).expect(400);
    expect((await outbox('hotline.orders.v1.dlq')).length).toBe(before);
    await request(t.http).get('/api/hotline/orders/A').set('Authorization', `Bearer ${operator}`).expect(404);
  });

  it('lets no personal data out: not on any topic, the DLQ included', async () => {
    const text = JSON.stringify(await outbox());
    for (const secret of PERSONAL) expect({ secret, published: text.includes(secret) }).toEqual({ secret, published: false });
  });
});
