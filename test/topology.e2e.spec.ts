import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '@qf/platform';
import { ServerProcess, kill9, startServerProcess } from './support/process';
import { dropSchema } from './support/targets';

const SECRET = 'topology-secret-0123456789abcdef';
const SERVICES = ['hotline', 'hotline', 'petitions', 'clues', 'supervision', 'supervision', 'reporting'] as const;

interface Escalation {
  level: number;
  caseId: string;
  stage: string;
  targetUnitId: string;
  accountabilityClueId?: string | null;
}

/**
 * Issue 11, SPEC §11: the production topology, run here. Hotline, petitions, clues, supervision and reporting run as
 * separate processes — two of hotline, two of supervision — on the PostgreSQL event store, PostgreSQL read models and
 * Redis (BullMQ), and cooperate only through those stores. Orders go in through both hotline processes, one is
 * referred to discipline, one is left unsigned until level 3; then each service's own HTTP is asked what it knows.
 * One hotline process is killed with SIGKILL in the middle of a load and restarted: nothing lost, nothing doubled.
 *
 * Nothing here is single-active, so nothing is elected: every process of a service runs the same projections (each
 * batch is applied under its checkpoint row's lock, so by one process at a time and never twice), the BullMQ planner
 * and workers (a rung is an append that needs the case stream unchanged, so a second firing appends nothing), the
 * clue reactions and the outbox (command ids and message ids derived from the events). With Kafka the outbox relay
 * would be the one single-active part, fenced by its transactional id (docs/operations.md). The manual clock is the
 * shared DATA_DIR's file, which every process watches.
 */
const enabled = !!process.env.READMODEL_URL && !!process.env.REDIS_URL;
(enabled ? describe : describe.skip)('the production topology on PostgreSQL and Redis (set READMODEL_URL and REDIS_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qf-topology-'));
  const schema = `qf_topology_${process.pid}_${Date.now()}`;
  const stores = { READMODEL_URL: process.env.READMODEL_URL!, READMODEL_SCHEMA: schema, EVENTSTORE_URL: process.env.READMODEL_URL!, EVENTSTORE_SCHEMA: `${schema}_es` };
  const env = {
    ...stores,
    REDIS_URL: process.env.REDIS_URL!,
    QUEUE_PREFIX: `qf-topology-${process.pid}-${Date.now()}`,
    DATA_DIR: dataDir,
    JWT_SECRET: SECRET,
    PII_KEY: randomBytes(32).toString('base64'),
    CLOCK: 'manual',
    CLOCK_START: '2026-03-16T09:00:00+08:00',
  };
  const procs: ServerProcess[] = [];
  const base = (i: number) => procs[i].baseUrl;
  const [HOTLINE_A, HOTLINE_B, PETITIONS, CLUES, SUPERVISION_A, SUPERVISION_B, REPORTING] = [0, 1, 2, 3, 4, 5, 6];
  const start = (service: (typeof SERVICES)[number]) => startServerProcess(env, 120_000, `apps/${service}/src/main.ts`);

  const token = (roles: string[], unitId: string | null, name?: string) => signToken({ sub: `${roles.join('+')}@${unitId}`, roles: roles as never, unitId, ...(name ? { name } : {}) }, SECRET);
  const operator = token(['hotline_operator'], 'U-RX');
  const handler = token(['unit_handler'], 'U-JD-01');
  const head = token(['unit_head'], 'U-JD-01', '李建国');
  const supervisor = token(['supervisor'], 'U-QU');
  const inspector = token(['inspector'], 'U-JW');
  const admin = token(['admin'], null);
  const leader = token(['leader'], 'U-QU');
  const call = async (url: string, method: string, path: string, bearer: string, body?: object) => {
    const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  const order = (orderNo: string) => ({ orderNo, channel: 'phone', category: '城市管理', urgency: 'normal', content: '占道经营', unitId: 'U-JD-01' });
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > end) return value;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const outbox = async (url: string, topic: string) => {
    const items: Array<{ key: string; headers: Record<string, string>; value: any }> = [];
    for (let after = 0; ; ) {
      const page = (await call(url, 'GET', `/api/outbox?topic=${topic}&limit=1000&after=${after}`, admin)).body;
      if (!page.items.length) return items;
      items.push(...page.items);
      after = page.next;
    }
  };

  beforeAll(async () => {
    // The first process creates the schemas; the rest start together against them.
    procs.push(await start(SERVICES[0]));
    procs.push(...(await Promise.all(SERVICES.slice(1).map(start))));
  }, 240_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => kill9(p).catch(() => undefined)));
    rmSync(dataDir, { recursive: true, force: true });
    await dropSchema(stores);
  });

  it('serves each context from its own processes, and cooperates only through the stores', async () => {
    for (const p of procs) expect((await fetch(`${p.baseUrl}/health/ready`)).status).toBe(200);
    const ready = (await (await fetch(`${base(SUPERVISION_A)}/health/ready`)).json()) as { checks: Record<string, { detail?: { kind?: string } }> };
    expect(ready.checks.eventStore.detail?.kind).toBe('postgres');
    expect((await call(base(HOTLINE_A), 'GET', '/api/clues', inspector)).status).toBe(404);
    expect((await call(base(CLUES), 'GET', '/api/hotline/orders', operator)).status).toBe(404);
  });

  it('takes orders through both hotline processes, replies on the outbox once each, and ranks them in reporting', async () => {
    const orderNos = Array.from({ length: 20 }, (_, i) => `TOPO-${i}`);
    await Promise.all(orderNos.map((no, i) => call(base(i % 2 ? HOTLINE_B : HOTLINE_A), 'POST', '/api/hotline/orders', operator, order(no)).then((r) => expect(r.status).toBe(201))));
    for (const [i, no] of orderNos.slice(0, 10).entries()) {
      const via = base(i % 2 ? HOTLINE_A : HOTLINE_B); // the other process than the one that created it
      expect((await call(via, 'POST', `/api/hotline/orders/${no}/sign`, handler)).status).toBe(200);
      expect((await call(via, 'POST', `/api/hotline/orders/${no}/reply`, handler, { outcome: 'resolved', reply: '已按要求处理完毕并回复群众' })).status).toBe(200);
    }
    // Both hotline processes run the outbox projection: one row per reply, whichever pulls it.
    const replies = await eventually(() => outbox(base(HOTLINE_B), 'hotline.replies.v1'), (r) => r.length >= 10);
    expect(replies.map((m) => m.key).sort()).toEqual(orderNos.slice(0, 10).sort());
    expect(new Set((await outbox(base(HOTLINE_A), 'qingfeng.events.v1')).map((m) => m.headers['x-message-id'])).size).toBe((await outbox(base(HOTLINE_A), 'qingfeng.events.v1')).length);
    // Reporting folds the hotline's events on its own.
    const ranking = await eventually(
      () => call(base(REPORTING), 'GET', '/api/reports/monthly-ranking?month=2026-03', leader),
      (r) => r.body?.rows?.find((row: { unitId: string }) => row.unitId === 'U-JD-01')?.dispatched === 20,
    );
    expect(ranking.status).toBe(200);
    expect(ranking.body.rows.find((row: { unitId: string }) => row.unitId === 'U-JD-01')).toMatchObject({ dispatched: 20, replied: 10 });
  }, 120_000);

  it('registers a referred clue in the clues service once', async () => {
    expect((await call(base(HOTLINE_B), 'POST', '/api/hotline/orders', operator, order('TOPO-REF'))).status).toBe(201);
    const referred = await call(base(HOTLINE_B), 'POST', '/api/hotline/orders/TOPO-REF/refer', operator, {
      reason: '群众反映该街道执法人员收受摊贩财物，要求严肃查处。',
      subjects: [{ name: '王某', unitId: 'U-JD-01', rank: 'general', partyMember: true }],
    });
    expect(referred.status).toBe(200);
    const clues = await eventually(
      () => call(base(CLUES), 'GET', '/api/clues?source=hotline&pageSize=200', inspector),
      (r) => r.body.items.some((c: { sourceRef: string }) => c.sourceRef === 'hotline/TOPO-REF'),
    );
    const mine = clues.body.items.filter((c: { sourceRef: string }) => c.sourceRef === 'hotline/TOPO-REF');
    expect(mine).toHaveLength(1);
    expect(mine[0].id).toBe(referred.body.clueId);
  }, 60_000);

  it('climbs the ladder to level 3 across both supervision processes, each rung once, with one accountability clue', async () => {
    expect((await call(base(HOTLINE_A), 'POST', '/api/hotline/orders', operator, order('TOPO-LATE'))).status).toBe(201);
    const inbox = (url: string, bearer: string) => call(url, 'GET', '/api/escalations?caseId=TOPO-LATE&stage=sign&pageSize=200', bearer).then((r) => r.body.items as Escalation[]);
    // Dispatched Mon 03-16 09:00: warned Tue, overdue Wed, level 2 on 03-21, level 3 on 03-27. The clock moves
    // through one supervision process; the others follow the shared clock.
    for (const now of ['2026-03-17T20:00:00+08:00', '2026-03-18T01:00:00+08:00', '2026-03-21T01:00:00+08:00']) {
      expect((await call(base(SUPERVISION_A), 'POST', '/api/admin/clock', admin, { now })).status).toBe(200);
    }
    // Level 1 was acknowledged by the head (through the other supervision process) before level 3 came.
    const [level1] = await eventually(() => inbox(base(SUPERVISION_B), head), (items) => items.some((e) => e.level === 1));
    expect((await call(base(SUPERVISION_B), 'POST', `/api/escalations/${(level1 as unknown as { id: string }).id}/acknowledge`, head, { comment: '已安排专人办理' })).status).toBe(200);
    expect((await call(base(SUPERVISION_B), 'POST', '/api/admin/clock', admin, { now: '2026-03-27T01:00:00+08:00' })).status).toBe(200);
    const expected = [
      [0, handler],
      [1, head],
      [2, supervisor],
      [3, inspector],
    ] as const;
    for (const [level, bearer] of expected) {
      for (const url of [base(SUPERVISION_A), base(SUPERVISION_B)]) {
        const items = await eventually(() => inbox(url, bearer), (list) => list.some((e) => e.level === level));
        expect({ level, count: items.filter((e) => e.level === level).length }).toEqual({ level, count: 1 });
      }
    }
    const level3 = await eventually(() => inbox(base(SUPERVISION_A), inspector), (list) => !!list.find((e) => e.level === 3)?.accountabilityClueId);
    const clueId = level3.find((e) => e.level === 3)!.accountabilityClueId;
    const clues = (await call(base(CLUES), 'GET', '/api/clues?source=supervision&pageSize=200', inspector)).body.items.filter((c: { sourceRef: string }) => c.sourceRef === 'hotline/TOPO-LATE');
    expect(clues.map((c: { id: string }) => c.id)).toEqual([clueId]);
    expect(clues[0].subjects).toEqual([expect.objectContaining({ name: '李建国', unitId: 'U-JD-01' })]);
    // And the whole ladder went out once on qingfeng.escalations.v1.
    const signLadder = (m: { key: string; value: { dueAt: string } }) => m.key === 'TOPO-LATE' && m.value.dueAt === '2026-03-17T23:59:59.999+08:00';
    const rungs = await eventually(() => outbox(base(HOTLINE_A), 'qingfeng.escalations.v1'), (m) => m.filter(signLadder).length >= 4);
    expect(rungs.filter(signLadder).map((m) => m.value.level).sort()).toEqual([0, 1, 2, 3]);
  }, 120_000);

  it('loses and doubles nothing when a hotline process is killed with SIGKILL in the middle of a load', async () => {
    const acknowledged: string[] = [];
    const victim = procs[HOTLINE_B];
    await new Promise<void>((resolve) => {
      let inFlight = 0;
      let killed = false;
      for (let i = 0; i < 40; i++) {
        const no = `KILL-${i}`;
        inFlight++;
        call(victim.baseUrl, 'POST', '/api/hotline/orders', operator, order(no))
          .then(async (created) => {
            if (created.status !== 201 || killed) return;
            const signed = await call(victim.baseUrl, 'POST', `/api/hotline/orders/${no}/sign`, handler);
            const replied = signed.status === 200 && !killed ? await call(victim.baseUrl, 'POST', `/api/hotline/orders/${no}/reply`, handler, { outcome: 'explained', reply: '已向群众解释说明相关政策' }) : null;
            if (replied?.status === 200 && !killed) {
              acknowledged.push(no);
              if (acknowledged.length === 15) {
                killed = true;
                void kill9(victim).then(resolve);
              }
            }
          })
          .catch(() => undefined)
          .finally(() => {
            if (--inFlight === 0 && !killed) resolve();
          });
      }
    });
    expect(acknowledged.length).toBe(15);
    procs[HOTLINE_B] = await start('hotline');
    // Every acknowledged order is there, replied, through either process; each reply once on the outbox.
    for (const no of acknowledged) {
      for (const url of [base(HOTLINE_A), base(HOTLINE_B)]) {
        const detail = await call(url, 'GET', `/api/hotline/orders/${no}`, operator);
        expect({ no, status: detail.body.status }).toEqual({ no, status: 'replied' });
      }
    }
    const replies = await eventually(() => outbox(base(HOTLINE_B), 'hotline.replies.v1'), (r) => acknowledged.every((no) => r.some((m) => m.key === no)));
    for (const no of acknowledged) expect({ no, replies: replies.filter((m) => m.key === no).length }).toEqual({ no, replies: 1 });
    expect(new Set(replies.map((m) => m.key)).size).toBe(replies.length);
    // The lists (read models of the hotline service) hold each order once, with every event applied once.
    const list = await eventually(
      () => call(base(HOTLINE_B), 'GET', '/api/hotline/orders?pageSize=200', operator),
      (r) => acknowledged.every((no) => r.body.items.some((o: { id: string; status: string }) => o.id === no && o.status === 'replied')),
    );
    const ids = list.body.items.map((o: { id: string }) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of list.body.items as Array<{ id: string; version: number }>) {
      const detail = await call(base(HOTLINE_A), 'GET', `/api/hotline/orders/${item.id}`, operator);
      expect({ id: item.id, version: item.version }).toEqual({ id: item.id, version: detail.body.version });
    }
  }, 180_000);
});
