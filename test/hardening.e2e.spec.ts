import request from 'supertest';
import { TestApp, startApp } from './support/app';

/**
 * Issue 13: the hostile requests that answered 500 (or were accepted) — each a 4xx now, and none appends anything.
 */
describe('hostile input that used to pass or crash', () => {
  let t: TestApp;
  let operator: string;
  let handler: string;
  const events = async (orderNo: string) => (await request(t.http).get(`/api/cases/hotline/${orderNo}/events`).set('Authorization', `Bearer ${operator}`).expect(200)).body.items.length as number;
  const raw = (path: string, token: string, body: string, contentType = 'application/json') =>
    request(t.http).post(path).set('Authorization', `Bearer ${token}`).set('Content-Type', contentType).send(body);

  beforeAll(async () => {
    t = await startApp({ CLOCK_START: '2026-03-16T09:00:00+08:00' });
    operator = t.token(['hotline_operator'], 'U-RX');
    handler = t.token(['unit_handler'], 'U-JD-01');
    await request(t.http).post('/api/hotline/orders').set('Authorization', `Bearer ${operator}`).send({ orderNo: 'H-1', channel: 'phone', category: '城市管理', urgency: 'normal', content: '占道经营', unitId: 'U-JD-01' }).expect(201);
  });
  afterAll(() => t.close());

  it('a body nested 5,000 deep is a 400, not a stack overflow', async () => {
    for (const body of ['['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)]) {
      const res = await raw('/api/hotline/orders', operator, body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('a charset other than UTF-8 is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await raw('/api/hotline/orders/H-1/sign', handler, '{}', 'application/json; charset=latin1').expect(415);
    expect(res.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('a body that is not what its Content-Encoding says is a 400, with or without a token, and appends nothing', async () => {
    const before = await events('H-1');
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const res = await request(t.http).post('/api/hotline/orders/H-1/sign').set('Authorization', `Bearer ${handler}`).set('Content-Type', 'application/json').set('Content-Encoding', encoding).send('xx').expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      await request(t.http).post('/api/hotline/orders').set('Content-Type', 'application/json').set('Content-Encoding', encoding).send('xx').expect(400);
    }
    expect(await events('H-1')).toBe(before);
  });

  it('paging beyond any page is a 400 on every list', async () => {
    const tokens: Array<[string, string]> = [
      ['/api/hotline/orders', operator],
      ['/api/petitions', t.token(['petition_officer'], 'U-XF')],
      ['/api/clues', t.token(['inspector'], 'U-JW')],
      ['/api/deadlines', operator],
      ['/api/escalations', handler],
    ];
    for (const [path, token] of tokens) {
      for (const page of ['1e20', '99999999999', '-1', '0', '1.5', 'x']) {
        const res = await request(t.http).get(`${path}?page=${page}`).set('Authorization', `Bearer ${token}`);
        expect({ path, page, status: res.status }).toEqual({ path, page, status: 400 });
      }
    }
  });

  it('a business time before HISTORY_START (2000-01-01) is refused and nothing is created', async () => {
    const res = await request(t.http)
      .post('/api/hotline/orders')
      .set('Authorization', `Bearer ${operator}`)
      .send({ orderNo: 'H-1970', channel: 'phone', category: '城市管理', urgency: 'normal', content: '占道经营', unitId: 'U-JD-01', dispatchedAt: '1970-01-01T00:00:00+08:00' })
      .expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'dispatchedAt' })]);
    await request(t.http).get('/api/hotline/orders/H-1970').set('Authorization', `Bearer ${operator}`).expect(404);
    const petition = await request(t.http)
      .post('/api/petitions')
      .set('Authorization', `Bearer ${t.token(['petition_officer'], 'U-XF')}`)
      .send({ channel: 'letter', petitioner: { name: '林某' }, subject: '拖欠工资', content: '用人单位拖欠工资', category: '劳动保障', receivedAt: '1999-12-31T23:59:59+08:00' });
    expect(petition.status).toBe(400);
    const clue = await request(t.http)
      .post('/api/clues')
      .set('Authorization', `Bearer ${t.token(['inspector'], 'U-JW')}`)
      .send({ source: 'audit', subjects: [{ name: '某', unitId: 'U-BM-CG', rank: 'section', partyMember: true }], allegations: '违规发放津补贴，涉嫌违反廉洁纪律。', category: 'integrity', receivedAt: '1970-01-01T00:00:00Z' });
    expect(clue.status).toBe(400);
  });

  it('unknown fields on a command without a body, prototype keys and an empty caller are 400 and append nothing', async () => {
    const before = await events('H-1');
    for (const body of ['{"evil":1}', '[1]', '"x"']) {
      const res = await raw('/api/hotline/orders/H-1/sign', handler, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const res = await raw('/api/hotline/orders/H-1/return', handler, `{"reason":"不属于本街道辖区","${key}":{"polluted":true}}`);
      expect({ key, status: res.status, field: res.body.details?.[0]?.field }).toEqual({ key, status: 400, field: key });
    }
    const emptyCaller = await request(t.http).post('/api/hotline/orders').set('Authorization', `Bearer ${operator}`).send({ orderNo: 'H-2', channel: 'phone', category: '城市管理', urgency: 'normal', content: '占道经营', unitId: 'U-JD-01', caller: {} });
    expect(emptyCaller.status).toBe(400);
    expect(await events('H-1')).toBe(before);
    // The plain command still works.
    await request(t.http).post('/api/hotline/orders/H-1/sign').set('Authorization', `Bearer ${handler}`).send().expect(200);
    await request(t.http).post('/api/hotline/orders/H-1/reply').set('Authorization', `Bearer ${handler}`).set('Content-Type', 'application/json').send('{}').expect(400);
  });

  it('query parameters on a route that takes none are a 400 naming them, on reads and on commands', async () => {
    const admin = t.token(['admin']);
    for (const path of ['/api/units?zzz=1', '/api/units/U-QU?zzz=1', '/api/admin/clock?zzz=1', '/api/cases/hotline/H-1/events?zzz=1']) {
      const res = await request(t.http).get(path).set('Authorization', `Bearer ${path.includes('cases') ? operator : admin}`).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'zzz', message: 'unknown field: not allowed' }] });
    }
    const before = await events('H-1');
    await request(t.http).post('/api/hotline/orders/H-1/reply?evil=1').set('Authorization', `Bearer ${handler}`).send({ outcome: 'resolved', reply: '已经处理完毕并回复群众' }).expect(400);
    expect(await events('H-1')).toBe(before);
    // Routes with query parameters still take theirs.
    await request(t.http).get('/api/hotline/orders?status=signed').set('Authorization', `Bearer ${operator}`).expect(200);
  });
});
