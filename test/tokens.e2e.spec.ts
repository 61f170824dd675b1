import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { TEST_SECRET, TestApp, startApp } from './support/app';

/**
 * Issue 9, SPEC §1: a token without `exp` is refused (401), and a role that acts for a unit grants nothing without the
 * token's `unitId` (403) — a missing claim never widens the caller's view to the whole district.
 */
describe('tokens and the claims roles need', () => {
  let t: TestApp;
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startApp({ CLOCK_START: '2026-03-16T09:00:00+08:00' });
    await request(t.http)
      .post('/api/campaigns')
      .set('Authorization', `Bearer ${t.token(['admin'])}`)
      .send({ id: 'QC-T', name: '清仓见底', kinds: ['hotline'], baselineAt: '2026-03-01T00:00:00+08:00', targetAt: '2026-06-30T00:00:00+08:00' })
      .expect(201);
  });
  afterAll(() => t.close());

  it('refuses a token without exp and an expired one with 401, and accepts one with exp', async () => {
    const claims = { name: '管理员', roles: ['admin'], unitId: null };
    const forever = jwt.sign(claims, TEST_SECRET, { algorithm: 'HS256', subject: 'admin-1' });
    expect(jwt.decode(forever)).not.toHaveProperty('exp');
    const refused = await get('/api/units', forever).expect(401);
    expect(refused.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    await get('/api/campaigns', forever).expect(401);
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_SECRET, { algorithm: 'HS256', subject: 'admin-1' });
    await get('/api/units', expired).expect(401);
    const valid = jwt.sign(claims, TEST_SECRET, { algorithm: 'HS256', subject: 'admin-1', expiresIn: '1h' });
    await get('/api/units', valid).expect(200);
  });

  it('answers 403 when a unit-bound role comes without its unitId, never the whole district', async () => {
    const supervisor = t.token(['supervisor'], null);
    for (const path of ['/api/campaigns/QC-T/clearance', '/api/campaigns/QC-T/clearance.csv', '/api/campaigns/QC-T/clearance.xlsx', '/api/hotline/orders', '/api/petitions']) {
      const res = await get(path, supervisor);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
    }
    const handler = t.token(['unit_handler'], null);
    await get('/api/hotline/orders', handler).expect(403);
    await request(t.http).post('/api/hotline/orders/ANY/sign').set('Authorization', `Bearer ${handler}`).send({}).expect(403);
    // With the claim, the supervisor reads their subtree; a leader needs no unit; a leader who is also a supervisor reads all.
    const scoped = await get('/api/campaigns/QC-T/clearance', t.token(['supervisor'], 'U-JD-01')).expect(200);
    expect(scoped.body.campaignId).toBe('QC-T');
    await get('/api/campaigns/QC-T/clearance', t.token(['leader'], null)).expect(200);
    await get('/api/campaigns/QC-T/clearance', t.token(['leader', 'supervisor'], null)).expect(200);
  });

  it('the CLI mints tokens with an expiry: 12 hours by default, --ttl to choose', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(__dirname, '..', 'apps/cli/src/main.ts'), ...args], {
        env: { ...process.env, JWT_SECRET: TEST_SECRET, DATA_DIR: t.dataDir },
        encoding: 'utf8',
      });
    const now = Math.floor(Date.now() / 1000);
    const byDefault = cli('token', '--sub', 'op-1', '--roles', 'hotline_operator', '--unit', 'U-RX');
    expect(byDefault.status).toBe(0);
    const claims = jwt.verify(byDefault.stdout.trim(), TEST_SECRET) as jwt.JwtPayload;
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
    expect(claims.exp!).toBeGreaterThanOrEqual(now + 12 * 3600 - 5);
    const short = cli('token', '--sub', 'op-1', '--roles', 'hotline_operator', '--ttl', '30m');
    expect(short.status).toBe(0);
    const shortClaims = jwt.verify(short.stdout.trim(), TEST_SECRET) as jwt.JwtPayload;
    expect(shortClaims.exp! - shortClaims.iat!).toBe(30 * 60);
    const bad = cli('token', '--sub', 'op-1', '--roles', 'hotline_operator', '--ttl', 'forever');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--ttl');
  }, 60_000);
});
