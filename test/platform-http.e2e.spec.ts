import request from 'supertest';
import { TestApp, startApp } from './support/app';

describe('platform endpoints and the units directory over HTTP', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startApp();
    admin = t.token(['admin']);
  });
  afterAll(() => t.close());

  it('answers liveness and readiness with each dependency and projection lag', async () => {
    expect((await request(t.http).get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await request(t.http).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', checks: { eventStore: { status: 'up' }, readModels: { status: 'up', detail: { dialect: 'sqlite' } } } });
    expect(ready.body.projections.map((p: { name: string }) => p.name)).toContain('hotline-orders');
  });

  it('serves Prometheus metrics and the OpenAPI description with the Chinese terms', async () => {
    const metrics = await request(t.http).get('/metrics').expect(200);
    expect(metrics.text).toContain('qingfeng_http_request_duration_seconds');
    const doc = await request(t.http).get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/hotline/orders', '/api/hotline/orders/{orderNo}/sign', '/api/units/{id}']));
    expect(JSON.stringify(doc.body)).toContain('签收');
    await request(t.http).get('/docs').expect(200);
  });

  it('seeds the sample district with exactly one discipline unit', async () => {
    const units = await request(t.http).get('/api/units').set('Authorization', `Bearer ${t.token(['leader'], 'U-QU')}`).expect(200);
    expect(units.body.items.length).toBeGreaterThanOrEqual(15);
    expect(units.body.items.filter((u: { kind: string }) => u.kind === 'discipline_commission')).toHaveLength(1);
    const street = await request(t.http).get('/api/units/U-JD-01').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(street.body).toEqual({ id: 'U-JD-01', name: '东城街道', kind: 'street', parentId: 'U-QU', active: true });
    await request(t.http).get('/api/units/U-NONE').set('Authorization', `Bearer ${admin}`).expect(404);
  });

  it('lets only admin register, rename, move and retire units, by the rules of the directory', async () => {
    const put = (id: string, body: object, token = admin) => request(t.http).put(`/api/units/${id}`).set('Authorization', `Bearer ${token}`).send(body);
    await put('U-JD-05', { name: '新区街道', kind: 'street', parentId: 'U-QU' }, t.token(['supervisor'], 'U-QU')).expect(403);
    await put('U-JD-05', { name: '新区街道', kind: 'street', parentId: 'U-QU' }).expect(201);
    expect((await put('U-JD-05', { name: '新城街道', kind: 'street', parentId: 'U-QU' }).expect(200)).body.name).toBe('新城街道');
    await put('U-JD-05', { name: '新城街道', kind: 'street', parentId: 'U-NOPE' }).expect(422);
    await put('U-QU', { name: '清风区人民政府', kind: 'other', parentId: 'U-JD-01' }).expect(422); // a cycle
    await put('U-JW2', { name: '另一个纪委', kind: 'discipline_commission', parentId: 'U-QU' }).expect(422);
    await put('U-JD-06', { name: '坏类型', kind: 'village', parentId: 'U-QU' }).expect(400);
    await request(t.http).delete('/api/units/U-JD-01').set('Authorization', `Bearer ${admin}`).expect(422); // has communities
    const retired = await request(t.http).delete('/api/units/U-JD-05').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(retired.body.active).toBe(false);
    // A retired unit cannot receive new work orders.
    const res = await request(t.http)
      .post('/api/hotline/orders')
      .set('Authorization', `Bearer ${t.token(['hotline_operator'], 'U-RX')}`)
      .send({ orderNo: 'RX-RETIRED', channel: 'phone', category: '其他', urgency: 'normal', content: '测试', unitId: 'U-JD-05' })
      .expect(422);
    expect(res.body.code).toBe('RULE_VIOLATION');
  });
});
