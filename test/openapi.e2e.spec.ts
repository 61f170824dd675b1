import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import createClient from 'openapi-fetch';
import request from 'supertest';
import type { paths } from './support/api.generated';
import { TestApp, startApp } from './support/app';

type Json = Record<string, any>;

/** OpenAPI 3.0's `nullable` in JSON Schema terms, so ajv can check real answers against the description. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) if (k !== 'nullable' && k !== 'example') out[k] = toJsonSchema(v);
  if ((schema as Json).nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  if ((schema as Json).nullable && Array.isArray(out.enum)) out.enum = [...out.enum, null];
  return out;
}

/** Issue 14: the API description a client can be generated from, checked by a maintained validator and against real answers. */
describe('the OpenAPI description', () => {
  let t: TestApp;
  let doc: Json;
  let deref: Json;
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

  beforeAll(async () => {
    t = await startApp();
    doc = (await request(t.http).get('/docs/openapi.json').expect(200)).body;
    deref = (await SwaggerParser.dereference(structuredClone(doc) as any)) as Json;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
      Object.entries<Json>(item)
        .filter(([m]) => ['get', 'post', 'put', 'delete', 'patch'].includes(m))
        .map(([method, op]) => ({ path, method, op })),
    );
  const successSchema = (path: string, method: string, media = 'application/json') => {
    const responses = deref.paths[path][method].responses as Json;
    const code = Object.keys(responses).find((c) => c.startsWith('2'))!;
    return toJsonSchema(responses[code].content[media].schema) as Json;
  };
  const conforms = (schema: Json, body: unknown) => {
    const validate = ajv.compile(schema);
    const ok = validate(body);
    return ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
  };

  it('is a valid OpenAPI 3 document by @apidevtools/swagger-parser, with servers', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as any)).resolves.toBeDefined();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.components.schemas.PutUnitDto.properties.parentId).toMatchObject({ type: 'string', nullable: true });
  });

  it('states a success answer with a media type and a schema for every operation, and the §10 errors it can give', () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations()) {
      const codes = Object.keys(op.responses);
      const ok = codes.find((c) => c.startsWith('2'));
      const res = ok ? deref.paths[path][method].responses[ok] : undefined;
      if (!res || !res.description || !res.content || Object.values<Json>(res.content).some((c) => !c.schema)) missing.push(`${method} ${path}: success`);
      const secured = (op.security ?? []).length > 0;
      if (secured && !(codes.includes('401') && codes.includes('403'))) missing.push(`${method} ${path}: 401/403`);
      if ((op.parameters ?? []).some((p: Json) => p.in === 'path') && !codes.includes('404')) missing.push(`${method} ${path}: 404`);
      if (op.requestBody && !codes.includes('400')) missing.push(`${method} ${path}: 400`);
      if (secured && method !== 'get' && !codes.includes('422')) missing.push(`${method} ${path}: 422`);
    }
    expect(missing).toEqual([]);
    expect(operations().length).toBeGreaterThanOrEqual(70);
    // An example for every answer a client can read (a workbook is bytes).
    const withoutExample = operations().flatMap(({ path, method }) => {
      const responses = deref.paths[path][method].responses as Json;
      const ok = Object.keys(responses).find((c) => c.startsWith('2'))!;
      return Object.entries<Json>(responses[ok].content)
        .filter(([, c]) => c.schema.format !== 'binary' && c.example === undefined && c.schema.example === undefined)
        .map(([media]) => `${method} ${path} ${media}`);
    });
    expect(withoutExample).toEqual([]);
  });

  it('gives examples that conform to their own schemas', () => {
    const wrong: string[] = [];
    for (const [name, schema] of Object.entries<Json>(deref.components.schemas)) {
      if (schema.example !== undefined && typeof schema.example === 'object') wrong.push(...conforms(toJsonSchema(schema) as Json, schema.example).map((e) => `${name}: ${e}`));
    }
    for (const [name, response] of Object.entries<Json>(deref.components.responses)) {
      const content = response.content['application/json'];
      wrong.push(...conforms(toJsonSchema(content.schema) as Json, content.example).map((e) => `${name}: ${e}`));
    }
    expect(wrong).toEqual([]);
    expect(Object.values<Json>(deref.components.schemas).filter((s) => s.example !== undefined).length).toBeGreaterThanOrEqual(4);
  });

  it('names the media types of the downloads', () => {
    // Four downloads: the ranking and the clearance, each as a workbook and as CSV.
    expect(operations().filter(({ path }) => /\.(xlsx|csv)$/.test(path))).toHaveLength(4);
    for (const { path, method } of operations()) {
      const content = Object.keys(deref.paths[path][method].responses['200']?.content ?? {});
      if (path.endsWith('.xlsx')) expect({ path, content }).toEqual({ path, content: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] });
      if (path.endsWith('.csv')) expect({ path, content }).toEqual({ path, content: ['text/csv'] });
    }
  });

  it('describes what the server really answers: a case, a page, an error, a workbook', async () => {
    const operator = t.token(['hotline_operator'], 'U-RX');
    const created = await request(t.http)
      .post('/api/hotline/orders')
      .set('Authorization', `Bearer ${operator}`)
      .send({ orderNo: 'RX-OAS-1', channel: 'phone', category: '市容环境', urgency: 'normal', content: '垃圾清运不及时', unitId: 'U-JD-01', caller: { name: '张三', phone: '13812345678' } })
      .expect(201);
    expect(conforms(successSchema('/api/hotline/orders', 'post'), created.body)).toEqual([]);

    const signed = await request(t.http).post('/api/hotline/orders/RX-OAS-1/sign').set('Authorization', `Bearer ${t.token(['unit_handler'], 'U-JD-01')}`).expect(200);
    expect(conforms(successSchema('/api/hotline/orders/{orderNo}/sign', 'post'), signed.body)).toEqual([]);

    const page = await request(t.http).get('/api/hotline/orders?pageSize=5').set('Authorization', `Bearer ${operator}`).expect(200);
    expect(conforms(successSchema('/api/hotline/orders', 'get'), page.body)).toEqual([]);

    const bad = await request(t.http).post('/api/hotline/orders').set('Authorization', `Bearer ${operator}`).send({ orderNo: 'RX-OAS-2' }).expect(400);
    const errorSchema = toJsonSchema(deref.paths['/api/hotline/orders'].post.responses['400'].content['application/json'].schema) as Json;
    expect(conforms(errorSchema, bad.body)).toEqual([]);
    const again = await request(t.http).post('/api/hotline/orders/RX-OAS-1/sign').set('Authorization', `Bearer ${t.token(['unit_handler'], 'U-JD-01')}`).expect(422);
    expect(conforms(errorSchema, again.body)).toEqual([]);

    const leader = t.token(['leader'], 'U-QU');
    const ranking = await request(t.http).get('/api/reports/monthly-ranking?month=2025-09&kind=hotline').set('Authorization', `Bearer ${leader}`).expect(200);
    expect(ranking.body.rows.length).toBeGreaterThan(0);
    expect(conforms(successSchema('/api/reports/monthly-ranking', 'get'), ranking.body)).toEqual([]);
    await request(t.http)
      .post('/api/campaigns')
      .set('Authorization', `Bearer ${t.token(['admin'])}`)
      .send({ id: 'QC-OAS', name: '清仓见底', kinds: ['hotline'], baselineAt: '2025-09-01T00:00:00+08:00', targetAt: '2025-12-31T00:00:00+08:00' })
      .expect(201);
    const clearance = await request(t.http).get('/api/campaigns/QC-OAS/clearance').set('Authorization', `Bearer ${leader}`).expect(200);
    expect(clearance.body.totals.increment.received).toBe(1);
    expect(conforms(successSchema('/api/campaigns/{id}/clearance', 'get'), clearance.body)).toEqual([]);

    const month = '2026-03';
    const xlsx = await request(t.http).get(`/api/reports/monthly-ranking.xlsx?month=${month}&kind=hotline`).set('Authorization', `Bearer ${leader}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain(Object.keys(deref.paths['/api/reports/monthly-ranking.xlsx'].get.responses['200'].content)[0]);
  });

  it('describes every other answer with a schema of its own, and each real answer conforms', async () => {
    const generic = operations().filter(({ op }) => JSON.stringify(op.responses).includes('#/components/schemas/Report"'));
    expect(generic.map(({ method, path }) => `${method} ${path}`)).toEqual([]);

    const admin = t.token(['admin']);
    const leader = t.token(['leader'], 'U-QU');
    const operator = t.token(['hotline_operator'], 'U-RX');
    const handler = t.token(['unit_handler'], 'U-JD-01');
    const call = (method: 'get' | 'post' | 'put' | 'delete', path: string, token?: string, body?: object) => {
      const r = request(t.http)[method](path);
      if (token) r.set('Authorization', `Bearer ${token}`);
      return body ? r.send(body) : r;
    };
    await call('post', '/api/hotline/orders', operator, { orderNo: 'RX-OAS-9', channel: 'phone', category: '市容环境', urgency: 'normal', content: '垃圾清运不及时', unitId: 'U-JD-01' }).expect(201);
    const checks: Array<[string, string, () => request.Test]> = [
      ['get', '/health/live', () => call('get', '/health/live')],
      ['get', '/health/ready', () => call('get', '/health/ready')],
      ['get', '/api/admin/clock', () => call('get', '/api/admin/clock', admin)],
      ['get', '/api/cases/{kind}/{id}/events', () => call('get', '/api/cases/hotline/RX-OAS-9/events', operator)],
      ['get', '/api/units', () => call('get', '/api/units', leader)],
      ['get', '/api/units/{id}', () => call('get', '/api/units/U-JD-01', leader)],
      ['put', '/api/units/{id}', () => call('put', '/api/units/U-JD-09', admin, { name: '新区街道', kind: 'street', parentId: 'U-QU' })],
      ['delete', '/api/units/{id}', () => call('delete', '/api/units/U-JD-09', admin)],
      ['post', '/api/inbound/hotline.orders.v1', () => call('post', '/api/inbound/hotline.orders.v1', operator, { key: 'RX-OAS-IN', value: { type: 'order.dispatched', orderNo: 'RX-OAS-IN', occurredAt: '2025-09-30T09:00:00+08:00', payload: { channel: 'phone', category: '城市管理', urgency: 'normal', content: '夜间占道经营噪音扰民', unitId: 'U-JD-01' } }, headers: { 'x-message-id': 'oas-1' } })],
      ['get', '/api/audit', () => call('get', '/api/audit', admin)],
      ['get', '/api/reports/four-forms', () => call('get', '/api/reports/four-forms?from=2025-01-01&to=2025-12-31', leader)],
      ['get', '/api/reports/weights', () => call('get', '/api/reports/weights', leader)],
      ['put', '/api/reports/weights', () => call('put', '/api/reports/weights', admin, { kind: 'hotline', weights: { responseRate: 0.3, resolutionRate: 0.35, satisfactionRate: 0.35 } })],
      ['post', '/api/campaigns', () => call('post', '/api/campaigns', admin, { id: 'QC-OAS-2', name: '清仓见底', kinds: ['hotline'], baselineAt: '2025-09-01T00:00:00+08:00', targetAt: '2025-12-31T00:00:00+08:00' })],
      ['get', '/api/campaigns', () => call('get', '/api/campaigns', leader)],
      ['get', '/api/campaigns/{id}', () => call('get', '/api/campaigns/QC-OAS-2', leader)],
      ['get', '/api/outbox', () => call('get', '/api/outbox?limit=5', admin)],
      ['get', '/api/deadlines', () => call('get', '/api/deadlines?pageSize=5', leader)],
      ['post', '/api/admin/clock', () => call('post', '/api/admin/clock', admin, { now: '2025-10-20T09:00:00+08:00' })],
      ['get', '/api/escalations', () => call('get', '/api/escalations?pageSize=5', handler)],
    ];
    for (const [method, path, send] of checks) {
      const res = await send();
      const documented = deref.paths[path][method].responses as Json;
      expect({ method, path, status: res.status, documented: String(res.status) in documented }).toEqual({ method, path, status: res.status, documented: true });
      expect({ method, path, ok: res.status < 300, body: res.status < 300 ? null : res.body }).toEqual({ method, path, ok: true, body: null });
      const schema = toJsonSchema(documented[String(res.status)].content['application/json'].schema) as Json;
      expect({ method, path, errors: conforms(schema, res.body) }).toEqual({ method, path, errors: [] });
    }
    // The escalations the clock move fired: the inbox pages and an acknowledgement answer as described.
    let inbox: Json = { items: [] };
    for (let i = 0; i < 100 && inbox.items.length === 0; i++) inbox = (await call('get', '/api/escalations?pageSize=5', handler)).body;
    expect(inbox.items.length).toBeGreaterThan(0);
    expect(conforms(successSchema('/api/escalations', 'get'), inbox)).toEqual([]);
    const ack = await call('post', `/api/escalations/${inbox.items[0].id}/acknowledge`, handler, { comment: '已知悉，立即办理' });
    expect(ack.status).toBe(200);
    expect(conforms(successSchema('/api/escalations/{id}/acknowledge', 'post'), ack.body)).toEqual([]);
  });

  it('is the description committed in docs/openapi.json, and the generated client types are current (npm run openapi)', () => {
    // openapi-typescript loads ESM-only modules that jest's module system cannot, so the check runs as Node runs it.
    const check = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(__dirname, '..', 'scripts', 'openapi.ts'), '--check'], {
      cwd: join(__dirname, '..'),
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test' },
    });
    expect({ status: check.status, stderr: check.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  }, 60_000);

  it('drives a work order through its life with the generated, typed client (openapi-fetch)', async () => {
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    const client = createClient<paths>({ baseUrl: `http://127.0.0.1:${(t.http.address() as AddressInfo).port}` });
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    const operator = t.token(['hotline_operator'], 'U-RX');
    const handler = t.token(['unit_handler'], 'U-JD-01');

    const created = await client.POST('/api/hotline/orders', {
      headers: as(operator),
      body: { orderNo: 'RX-CLIENT-1', channel: 'phone', category: '城市管理', urgency: 'normal', content: '夜间占道经营噪音扰民', unitId: 'U-JD-01', caller: { name: '李四', phone: '13900001111' } },
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ kind: 'hotline', id: 'RX-CLIENT-1', status: 'dispatched', unitId: 'U-JD-01' });

    const signed = await client.POST('/api/hotline/orders/{orderNo}/sign', { headers: as(handler), params: { path: { orderNo: 'RX-CLIENT-1' } } });
    expect(signed.data?.status).toBe('signed');
    const version = signed.data!.version;

    // The description's If-Match header: a stale version is a 409 with the §10 body the client knows.
    const stale = await client.POST('/api/hotline/orders/{orderNo}/reply', {
      headers: as(handler),
      params: { path: { orderNo: 'RX-CLIENT-1' }, header: { 'If-Match': String(version - 1) } },
      body: { outcome: 'resolved', reply: '已协调城管中队清理占道摊点，并安排夜间巡查。' },
    });
    expect(stale.response.status).toBe(409);
    expect(stale.error).toMatchObject({ statusCode: 409, code: 'CONCURRENCY_CONFLICT' });

    const replied = await client.POST('/api/hotline/orders/{orderNo}/reply', {
      headers: as(handler),
      params: { path: { orderNo: 'RX-CLIENT-1' }, header: { 'If-Match': String(version) } },
      body: { outcome: 'resolved', reply: '已协调城管中队清理占道摊点，并安排夜间巡查。' },
    });
    expect(replied.data?.status).toBe('replied');

    const read = await client.GET('/api/hotline/orders/{orderNo}', { headers: as(operator), params: { path: { orderNo: 'RX-CLIENT-1' }, query: {} } });
    expect(read.data).toMatchObject({ id: 'RX-CLIENT-1', status: 'replied', version: version + 1 });
    const page = await client.GET('/api/hotline/orders', { headers: as(operator), params: { query: { status: 'replied', pageSize: 10 } } });
    expect(page.data?.items.map((o) => o.id)).toContain('RX-CLIENT-1');
  });
});
