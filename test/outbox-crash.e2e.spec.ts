import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '@qf/platform';
import { ServerProcess, kill9, killAtAcknowledged, startServerProcess } from './support/process';

const SECRET = 'outbox-crash-secret-0123456789abcd';

interface OutboxItem {
  position: number;
  topic: string;
  key: string | null;
  value: { level?: number; dueAt?: string };
  headers: Record<string, string>;
}

/**
 * Issue 10: a crash between an append and its message loses nothing, and a restart publishes nothing twice. A real
 * server is killed with SIGKILL while replies are being acknowledged and a ladder is escalating; after the restart
 * every acknowledged reply is on hotline.replies.v1 exactly once, the ladder once per level, and no message twice.
 */
describe('the outbox across a kill -9', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qf-outbox-crash-'));
  const env = { DATA_DIR: dataDir, JWT_SECRET: SECRET, CLOCK: 'manual', CLOCK_START: '2026-03-16T09:00:00+08:00', READMODEL_URL: '', EVENTSTORE_URL: '', REDIS_URL: '' };
  const operator = signToken({ sub: 'op', roles: ['hotline_operator'], unitId: 'U-RX' }, SECRET);
  const admin = signToken({ sub: 'admin', roles: ['admin'], unitId: null }, SECRET);
  const street = signToken({ sub: 'h', roles: ['unit_handler'], unitId: 'U-JD-01' }, SECRET);
  let server: ServerProcess | undefined;

  afterAll(async () => {
    if (server) await kill9(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (base: string, method: string, path: string, token: string, body?: object) =>
    fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const outbox = async (base: string): Promise<OutboxItem[]> => {
    const all: OutboxItem[] = [];
    for (let after = 0; ; ) {
      const page = (await (await call(base, 'GET', `/api/outbox?limit=1000&after=${after}`, admin)).json()) as { items: OutboxItem[]; next: number };
      if (page.items.length === 0) return all;
      all.push(...page.items);
      after = page.next;
    }
  };

  it('publishes every acknowledged reply and every rung exactly once', async () => {
    server = await startServerProcess(env);
    // Orders that will escalate while the kill happens: never signed.
    for (let i = 0; i < 20; i++) {
      const res = await call(server.baseUrl, 'POST', '/api/hotline/orders', operator, { orderNo: `LADDER-${i}`, channel: 'phone', category: '城市管理', urgency: 'normal', content: '无人签收', unitId: 'U-JD-02' });
      expect(res.status).toBe(201);
    }
    for (let i = 0; i < 40; i++) {
      const orderNo = `REPLY-${i}`;
      expect((await call(server.baseUrl, 'POST', '/api/hotline/orders', operator, { orderNo, channel: 'phone', category: '城市管理', urgency: 'normal', content: '崩溃测试', unitId: 'U-JD-01' })).status).toBe(201);
      expect((await call(server.baseUrl, 'POST', `/api/hotline/orders/${orderNo}/sign`, street)).status).toBe(200);
    }
    // Move past level 3 of the unsigned orders, then reply concurrently and kill at the 20th acknowledged reply.
    expect((await call(server.baseUrl, 'POST', '/api/admin/clock', admin, { now: '2026-03-28T09:00:00+08:00' })).status).toBe(200);
    const base = server.baseUrl;
    const acknowledged = await killAtAcknowledged(
      server,
      Array.from({ length: 40 }, (_, i) => `REPLY-${i}`),
      async (orderNo) => (await call(base, 'POST', `/api/hotline/orders/${orderNo}/reply`, street, { outcome: 'resolved', reply: '已按要求处理完毕并回复群众' })).status === 200,
      20,
    );
    expect(acknowledged.length).toBe(20);

    server = await startServerProcess(env);
    let items: OutboxItem[] = [];
    for (let i = 0; i < 100; i++) {
      const ready = (await (await fetch(`${server.baseUrl}/health/ready`)).json()) as { projections: Array<{ lag: number | null }> };
      items = await outbox(server.baseUrl);
      const ladders = items.filter((m) => m.topic === 'qingfeng.escalations.v1' && m.value.dueAt === '2026-03-17T23:59:59.999+08:00');
      if (ready.projections.every((p) => p.lag === 0) && ladders.length >= 80) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(new Set(items.map((m) => m.headers['x-message-id'])).size).toBe(items.length);
    const replies = items.filter((m) => m.topic === 'hotline.replies.v1');
    for (const orderNo of acknowledged) expect({ orderNo, replies: replies.filter((m) => m.key === orderNo).length }).toEqual({ orderNo, replies: 1 });
    expect(new Set(replies.map((m) => m.key)).size).toBe(replies.length);
    for (let i = 0; i < 20; i++) {
      const levels = items.filter((m) => m.topic === 'qingfeng.escalations.v1' && m.key === `LADDER-${i}` && m.value.dueAt === '2026-03-17T23:59:59.999+08:00').map((m) => m.value.level);
      expect({ order: i, levels }).toEqual({ order: i, levels: [0, 1, 2, 3] });
    }
    // Every event in the store is on qingfeng.events.v1 once: each order's timeline, message for message.
    for (const orderNo of [...acknowledged, 'LADDER-0']) {
      const timeline = (await (await call(server.baseUrl, 'GET', `/api/cases/hotline/${orderNo}/events`, operator)).json()) as { items: Array<{ id: string }> };
      const published = items.filter((m) => m.topic === 'qingfeng.events.v1' && m.key === `hotline-${orderNo}`).map((m) => m.headers['x-event-id']);
      expect(published).toEqual(timeline.items.map((e) => e.id));
    }
  }, 180_000);
});
