import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signToken } from '@qf/platform';
import { ServerProcess, kill9, killAtAcknowledged, startServerProcess } from './support/process';

const SECRET = 'crash-test-secret-0123456789abcdef';

/**
 * Issue 2: killing the server with SIGKILL right after a 2xx answer and starting it again loses nothing, and the
 * projections resume from their checkpoints without applying an event twice.
 */
describe('SIGKILL after acknowledged commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qf-crash-'));
  // The embedded default: SQLite for events and read models, whatever servers the test run has.
  const env = { DATA_DIR: dataDir, JWT_SECRET: SECRET, CLOCK: 'manual', CLOCK_START: '2026-03-16T09:00:00+08:00', READMODEL_URL: '', EVENTSTORE_URL: '' };
  const operator = signToken({ sub: 'op', roles: ['hotline_operator'], unitId: 'U-RX' }, SECRET);
  const street = signToken({ sub: 'h', roles: ['unit_handler'], unitId: 'U-JD-01' }, SECRET);
  let server: ServerProcess | undefined;

  afterAll(async () => {
    if (server) await kill9(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (base: string, method: string, path: string, token: string, body?: object) =>
    fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });

  it('keeps every acknowledged order and every read-model row exact across a kill -9', async () => {
    server = await startServerProcess(env);
    // Fire creates and signs concurrently, and kill the process the moment the 40th 2xx arrives.
    const base = server.baseUrl;
    const acknowledged = await killAtAcknowledged(
      server,
      Array.from({ length: 60 }, (_, i) => `CRASH-${i}`),
      async (orderNo) => {
        const created = await call(base, 'POST', '/api/hotline/orders', operator, { orderNo, channel: 'phone', category: '城市管理', urgency: 'normal', content: '崩溃测试', unitId: 'U-JD-01' });
        return created.status === 201 && (await call(base, 'POST', `/api/hotline/orders/${orderNo}/sign`, street)).status === 200;
      },
      40,
    );
    expect(acknowledged.length).toBe(40);

    server = await startServerProcess(env);
    for (const orderNo of acknowledged) {
      const res = await call(server.baseUrl, 'GET', `/api/hotline/orders/${orderNo}`, operator);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe('signed');
    }
    // The projections catch up from their checkpoints; each row was built from each of its events exactly once.
    let list: { total: number; items: Array<{ id: string; version: number }> } = { total: 0, items: [] };
    for (let i = 0; i < 50; i++) {
      list = (await (await call(server.baseUrl, 'GET', '/api/hotline/orders?pageSize=200', operator)).json()) as typeof list;
      const ready = (await (await fetch(`${server.baseUrl}/health/ready`)).json()) as { projections: Array<{ lag: number | null }> };
      if (ready.projections.every((p) => p.lag === 0)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ids = new Set(list.items.map((o) => o.id));
    for (const orderNo of acknowledged) expect(ids.has(orderNo)).toBe(true);
    for (const item of list.items) {
      const detail = (await (await call(server.baseUrl, 'GET', `/api/hotline/orders/${item.id}`, operator)).json()) as { version: number };
      expect(item.version).toBe(detail.version);
    }
    // Straight from the read-model file: a row built from an event applied twice (or skipped) would miscount.
    const db = new Database(join(dataDir, 'readmodels.sqlite'), { readonly: true });
    const docs = db.prepare('select doc from hotline_orders').all() as Array<{ doc: string }>;
    db.close();
    expect(docs.length).toBe(list.total);
    for (const { doc } of docs) {
      const row = JSON.parse(doc) as { version: number; eventCount: number };
      expect(row.eventCount).toBe(row.version + 1);
    }
  }, 120_000);
});
