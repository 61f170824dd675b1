import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '@qf/platform';
import { ServerProcess, kill9, startServerProcess } from './support/process';
import { dropSchema, schedulerTargets } from './support/targets';

const SECRET = 'escalation-crash-secret-0123456789';
const ORDERS = 120;

interface TimelineEntry {
  type: string;
  data: { stage?: string; level?: number; clueId?: string };
}

/**
 * Issue 4: the server is killed with SIGKILL while it is escalating (and registering accountability clues); after a
 * restart every rung of every ladder exists exactly once and every level 3 has exactly one clue.
 */
describe.each(schedulerTargets('esc_crash'))('escalations across a SIGKILL — %s', (_label, target) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qf-esc-crash-'));
  const env = {
    DATA_DIR: dataDir,
    JWT_SECRET: SECRET,
    CLOCK: 'manual',
    CLOCK_START: '2026-03-16T09:00:00+08:00',
    READMODEL_URL: target.READMODEL_URL ?? '',
    READMODEL_SCHEMA: target.READMODEL_SCHEMA ?? '',
    EVENTSTORE_URL: target.EVENTSTORE_URL ?? '',
    EVENTSTORE_SCHEMA: target.EVENTSTORE_SCHEMA ?? '',
    REDIS_URL: target.REDIS_URL ?? '',
    QUEUE_PREFIX: `qf-test-crash-${process.pid}-${Date.now()}`,
  };
  const operator = signToken({ sub: 'op', roles: ['hotline_operator'], unitId: 'U-RX' }, SECRET);
  const admin = signToken({ sub: 'admin', roles: ['admin'], unitId: null }, SECRET);
  const handler = signToken({ sub: 'h', roles: ['unit_handler'], unitId: 'U-JD-01' }, SECRET);
  const inspector = signToken({ sub: 'i', roles: ['inspector'], unitId: 'U-JW' }, SECRET);
  let server: ServerProcess | undefined;

  afterAll(async () => {
    if (server) await kill9(server);
    rmSync(dataDir, { recursive: true, force: true });
    await dropSchema(target);
  });

  const call = async (method: string, path: string, token: string, body?: object) => {
    const res = await fetch(`${server!.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('fires every rung once and registers every accountability clue once', async () => {
    server = await startServerProcess(env);
    const orderNos = Array.from({ length: ORDERS }, (_, i) => `RX-KILL-${i}`);
    for (let i = 0; i < orderNos.length; i += 10) {
      await Promise.all(
        orderNos.slice(i, i + 10).map(async (orderNo) => {
          const res = await call('POST', '/api/hotline/orders', operator, { orderNo, channel: 'phone', category: '市容环境', urgency: 'normal', content: '垃圾清运不及时', unitId: 'U-JD-01' });
          expect(res.status).toBe(201);
        }),
      );
    }
    // Far past every rung of both ladders (sign and reply), then kill -9 as soon as the first escalation shows.
    expect((await call('POST', '/api/admin/clock', admin, { now: '2026-04-30T00:00:00+08:00' })).status).toBe(200);
    let seen = 0;
    for (let i = 0; i < 2000 && seen === 0; i++) seen = (await call('GET', '/api/escalations?pageSize=1', handler)).body.total;
    await kill9(server);
    server = undefined;
    expect(seen).toBeGreaterThan(0);
    if (process.env.QF_TEST_VERBOSE) process.stdout.write(`killed with ${seen} of ${2 * ORDERS} warnings visible\n`);

    server = await startServerProcess(env);
    const complete = (entries: TimelineEntry[]) => entries.filter((e) => e.type === 'DeadlineEscalated').length >= 8;
    const timelines = new Map<string, TimelineEntry[]>();
    const deadline = Date.now() + 90_000;
    while (timelines.size < ORDERS && Date.now() < deadline) {
      for (const orderNo of orderNos) {
        if (timelines.has(orderNo)) continue;
        const entries = (await call('GET', `/api/cases/hotline/${orderNo}/events`, operator)).body.items as TimelineEntry[];
        if (complete(entries)) timelines.set(orderNo, entries);
      }
      if (timelines.size < ORDERS) await new Promise((r) => setTimeout(r, 250));
    }
    expect(timelines.size).toBe(ORDERS);
    // Settle once more, then count: nothing may have fired twice in the meantime.
    await new Promise((r) => setTimeout(r, 1500));
    for (const orderNo of orderNos) {
      const entries = (await call('GET', `/api/cases/hotline/${orderNo}/events`, operator)).body.items as TimelineEntry[];
      const rungs = entries.filter((e) => e.type === 'DeadlineEscalated').map((e) => `${e.data.stage}/${e.data.level}`);
      expect(rungs.sort()).toEqual(['reply/0', 'reply/1', 'reply/2', 'reply/3', 'sign/0', 'sign/1', 'sign/2', 'sign/3']);
    }
    // The clue context's reaction: one accountability clue per level-3 escalation, none twice.
    const clues: Array<{ id: string; sourceRef: string; escalationId: string }> = [];
    // The reaction is a catch-up subscription; under a loaded CI machine it can trail the ladder by tens of seconds.
    const cluesDeadline = Date.now() + 90_000;
    while (Date.now() < cluesDeadline) {
      clues.length = 0;
      for (let page = 1; ; page++) {
        const items = (await call('GET', `/api/clues?source=supervision&pageSize=200&page=${page}`, inspector)).body.items as typeof clues;
        clues.push(...items);
        if (items.length < 200) break;
      }
      if (clues.length >= 2 * ORDERS) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(clues).toHaveLength(2 * ORDERS);
    expect(new Set(clues.map((c) => c.escalationId)).size).toBe(2 * ORDERS);
    for (const orderNo of orderNos) expect({ orderNo, clues: clues.filter((c) => c.sourceRef === `hotline/${orderNo}`).length }).toEqual({ orderNo, clues: 2 });
  }, 300_000);
});
