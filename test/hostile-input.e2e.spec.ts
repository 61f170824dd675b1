import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import type { EventStore, StoredEvent } from '@qf/event-store';
import { EVENT_STORE } from '@qf/platform';
import { TEST_SECRET, TestApp, startApp } from './support/app';

/** Personal data planted in generated bodies: it must never come back in an error body. */
const PLANTED = ['13912345678', '110101199003071234', '欧阳明珠'];
const RUNS = Number(process.env.QF_HOSTILE_RUNS ?? 10_000);
/** A string with lone surrogates replaced, so it can be put in a URL or a header at all. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
}

/**
 * Issue 13: thousands of generated hostile requests (fast-check) across every route of the OpenAPI description — wrong
 * types, deep nesting, huge and unicode strings, prototype keys, SQL- and script-like strings, bad tokens and claims,
 * bad dates and paging, odd content types. Every answer is below 500, no request that was refused appended an event
 * (each request's events are found by its correlation id), no error body echoes personal data, and the server stays up.
 */
describe('hostile input over every route', () => {
  let t: TestApp;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startApp({ CLOCK_START: '2026-03-16T09:00:00+08:00' });
    const doc = (await request(t.http).get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m): m is Operation['method'] => ['get', 'post', 'put', 'delete'].includes(m))
        // The manual clock is the test's own instrument: moving it would start the schedulers' work mid-run.
        .filter((m) => path !== '/api/admin/clock')
        .map((method) => ({ method, path })),
    );
    // Something to act on: one order and one petition.
    await request(t.http).post('/api/hotline/orders').set('Authorization', `Bearer ${t.token(['hotline_operator'], 'U-RX')}`).send({ orderNo: 'HX-1', channel: 'phone', category: '城市管理', urgency: 'normal', content: '占道经营', unitId: 'U-JD-01' }).expect(201);
  }, 60_000);
  afterAll(() => t?.close());

  it(`answers ${RUNS} generated hostile requests without a 5xx, appending nothing for what it refuses`, async () => {
    expect(operations.length).toBeGreaterThan(40);
    const hostileString = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme', maxLength: 50 }),
      fc.constantFrom("' OR 1=1 --", '"; DROP TABLE events; --', '<script>alert(1)</script>', '../../etc/passwd', '%00', '\u0000', '\uD800', '１２３', '𠮷野家', '${7*7}', '__proto__', 'constructor'),
      fc.constantFrom(...PLANTED),
      fc.integer().map(String),
      fc.constantFrom('1e20', '-1', '0', '99999999999999999999', 'NaN', 'Infinity', '1970-01-01T00:00:00Z', '2999-01-01T00:00:00+08:00', '2026-02-30T00:00:00+08:00', 'HX-1', 'U-JD-01', 'U-QU', 'hotline', 'true'),
      fc.string({ minLength: 3000, maxLength: 5000 }),
    );
    const leaf = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(hostileString, leaf, { maxKeys: 8 }),
      fc.record({ orderNo: hostileString, channel: hostileString, category: hostileString, urgency: hostileString, content: hostileString, unitId: hostileString, dispatchedAt: hostileString, caller: fc.oneof(fc.constant({}), fc.record({ name: hostileString, phone: hostileString })) }, { requiredKeys: [] }),
      fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '['.repeat(3000) + ']'.repeat(3000), '{"a":'.repeat(200) + '1' + '}'.repeat(200), 'not json', '{"unterminated":', ''),
    );
    const roles = ['hotline_operator', 'petition_officer', 'unit_handler', 'unit_head', 'supervisor', 'inspector', 'case_manager', 'leader', 'admin'];
    const token = fc.oneof(
      fc.tuple(fc.subarray(roles, { minLength: 1 }), fc.constantFrom('U-RX', 'U-XF', 'U-JD-01', 'U-QU', 'U-JW', null, 'U-NOPE')).map(([r, unit]) => t.token(r as never, unit)),
      fc.constantFrom(
        '',
        'garbage',
        jwt.sign({ roles: ['admin'] }, TEST_SECRET, { subject: 'x', algorithm: 'HS256' }), // no exp
        jwt.sign({ roles: ['admin'], exp: 1 }, TEST_SECRET, { subject: 'x', algorithm: 'HS256' }), // expired
        jwt.sign({ roles: ['admin'] }, 'another-secret-entirely', { subject: 'x', algorithm: 'HS256', expiresIn: '1h' }),
        jwt.sign({ roles: ['admin'] }, '', { subject: 'x', algorithm: 'none' } as jwt.SignOptions),
        jwt.sign({ roles: 'admin', unitId: { $ne: 1 } }, TEST_SECRET, { subject: 'x', algorithm: 'HS256', expiresIn: '1h' }),
      ),
    );
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'application/merge-patch+json');
    const query = fc.dictionary(fc.constantFrom('page', 'pageSize', 'unitId', 'status', 'overdue', 'from', 'to', 'asOf', 'knownAt', 'month', 'kind', 'published', 'topic', 'after', 'limit', 'level', 'state', 'stage', 'caseId', 'source', 'evil'), hostileString, { maxKeys: 4 });
    const requestArb = fc.record({
      op: fc.constantFrom(...operations),
      pathValue: fc.oneof(hostileString, fc.constantFrom('HX-1', 'U-JD-01', 'QC-1', 'XF20260316-0001', 'XS20260316-0001')),
      query,
      body,
      token,
      contentType,
      idempotencyKey: fc.option(hostileString, { nil: undefined }),
    });

    const refused = new Set<string>();
    let n = 0;
    const fivexx: string[] = [];
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const correlation = `hostile-${n++}`;
        const path = r.op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(wellFormed(r.pathValue)).slice(0, 1000));
        const qs = new URLSearchParams(Object.entries(r.query).map(([k, v]): [string, string] => [k, String(v).slice(0, 1000)])).toString();
        let req = request(t.http)[r.op.method](`${path}${qs ? `?${qs}` : ''}`).set('x-correlation-id', correlation);
        if (r.token) req = req.set('Authorization', `Bearer ${r.token}`);
        if (r.idempotencyKey !== undefined) req = req.set('Idempotency-Key', encodeURIComponent(wellFormed(r.idempotencyKey)).slice(0, 300));
        if (r.op.method !== 'get') req = req.set('Content-Type', r.contentType).send(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
        const res = await req;
        if (res.status >= 500) fivexx.push(`${r.op.method.toUpperCase()} ${r.op.path} → ${res.status}`);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          refused.add(correlation);
          const text = JSON.stringify(res.body);
          for (const secret of PLANTED) expect(text.includes(secret) ? `${r.op.method} ${r.op.path}: ${text.slice(0, 500)}` : '').toBe('');
          expect(typeof res.body.code).toBe('string');
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.QF_HOSTILE_SEED ?? 20261202), endOnFailure: true },
    );
    expect(fivexx).toEqual([]);
    expect(refused.size).toBeGreaterThan(RUNS / 2);

    // No refused request appended anything: no event carries a refused request's correlation id.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const offending: StoredEvent[] = [];
    for (let after: bigint | null = null; ; ) {
      const batch = await store.readAll({ after, limit: 1000 });
      if (batch.length === 0) break;
      offending.push(...batch.filter((e) => refused.has(e.metadata.correlationId)));
      after = batch[batch.length - 1].position;
    }
    expect(offending.map((e) => `${e.type} ${e.metadata.correlationId}`)).toEqual([]);
    await request(t.http).get('/health/live').expect(200);
  }, 600_000);
});
