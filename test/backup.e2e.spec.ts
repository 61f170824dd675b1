import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '@qf/platform';
import { ServerProcess, kill9, startServerProcess } from './support/process';

const SECRET = 'backup-test-secret-0123456789abcd';
const ROOT = join(__dirname, '..');
const cliArgs = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'apps/cli/src/main.ts')];
const envFor = (dataDir: string) => ({ ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: SECRET, READMODEL_URL: '', EVENTSTORE_URL: '', REDIS_URL: '' });
const cliSync = (dataDir: string, ...args: string[]) => spawnSync(process.execPath, [...cliArgs, ...args], { cwd: ROOT, env: envFor(dataDir), encoding: 'utf8', timeout: 180_000 });
const cliAsync = (dataDir: string, ...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...cliArgs, ...args], { cwd: ROOT, env: envFor(dataDir) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });

/**
 * Issue 13: `npm run cli -- backup <file>` of the embedded default taken while the server is under write load, and
 * `restore <file>` into an empty DATA_DIR, give a consistent store: every order in the restored events is there with
 * its caller readable (its key came along), the lists catch up from their checkpoints, and a rebuild changes nothing.
 */
describe('backup and restore of the embedded default', () => {
  const source = mkdtempSync(join(tmpdir(), 'qf-backup-src-'));
  const target = mkdtempSync(join(tmpdir(), 'qf-backup-dst-'));
  const file = join(mkdtempSync(join(tmpdir(), 'qf-backup-file-')), 'qingfeng.tgz');
  const operator = signToken({ sub: 'op', roles: ['hotline_operator'], unitId: 'U-RX' }, SECRET);
  let server: ServerProcess | undefined;
  const call = (base: string, method: string, path: string, body?: object) =>
    fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });

  afterAll(async () => {
    if (server) await kill9(server);
    for (const dir of [source, target]) rmSync(dir, { recursive: true, force: true });
  });

  it('backs up under write load and restores to a consistent store', async () => {
    server = await startServerProcess({ DATA_DIR: source, JWT_SECRET: SECRET, READMODEL_URL: '', EVENTSTORE_URL: '', REDIS_URL: '', CLOCK: 'manual', CLOCK_START: '2026-03-16T09:00:00+08:00' });
    const order = (i: number) => ({ orderNo: `BK-${i}`, channel: 'phone', category: '城市管理', urgency: 'normal', content: '备份测试', caller: { name: `来电人${i}`, phone: '13900001111' }, unitId: 'U-JD-01' });
    for (let i = 0; i < 20; i++) expect((await call(server.baseUrl, 'POST', '/api/hotline/orders', order(i))).status).toBe(201);
    // Load: creates keep coming while the backup runs.
    let writing = true;
    let n = 20;
    const load = (async () => {
      while (writing) {
        const batch = Array.from({ length: 4 }, () => n++);
        await Promise.all(batch.map((i) => call(server!.baseUrl, 'POST', '/api/hotline/orders', order(i))));
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const backedUp = await cliAsync(source, 'backup', file);
    writing = false;
    await load;
    expect(backedUp.status).toBe(0);
    const summary = JSON.parse(backedUp.stdout.trim().split('\n').pop()!) as { events: number };
    expect(summary.events).toBeGreaterThan(20);
    expect(n).toBeGreaterThan(24); // writes really happened during the backup

    // Restoring over a running server, or into a DATA_DIR that holds a store, is refused.
    expect(cliSync(source, 'restore', file).status).not.toBe(0);
    await kill9(server);
    server = undefined;
    expect(cliSync(source, 'restore', file).stderr).toContain('--force');

    const restored = cliSync(target, 'restore', file);
    expect(restored.status).toBe(0);
    expect(JSON.parse(restored.stdout.trim().split('\n').pop()!).events).toBe(summary.events);

    server = await startServerProcess({ DATA_DIR: target, JWT_SECRET: SECRET, READMODEL_URL: '', EVENTSTORE_URL: '', REDIS_URL: '', CLOCK: 'manual' });
    // Every order the backup holds is readable with its caller, and the list holds exactly those orders.
    let listed: { total: number; items: Array<{ id: string }> } = { total: 0, items: [] };
    for (let i = 0; i < 100; i++) {
      listed = (await (await call(server.baseUrl, 'GET', '/api/hotline/orders?pageSize=200')).json()) as typeof listed;
      const ready = (await (await fetch(`${server.baseUrl}/health/ready`)).json()) as { projections: Array<{ lag: number | null }> };
      if (ready.projections.every((p) => p.lag === 0)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(listed.total).toBeGreaterThanOrEqual(20);
    for (const item of listed.items) {
      const detail = (await (await call(server.baseUrl, 'GET', `/api/hotline/orders/${item.id}`)).json()) as { caller: { name: string } };
      expect({ id: item.id, caller: detail.caller.name }).toEqual({ id: item.id, caller: `来电人${item.id.slice(3)}` });
    }
    await kill9(server);
    server = undefined;
    // And the restored read models are what the restored events make: a rebuild changes none of them.
    const list = cliSync(target, 'projections:list');
    expect(list.status).toBe(0);
    const rebuilt = cliSync(target, 'projections:rebuild');
    expect(rebuilt.status).toBe(0);
    server = await startServerProcess({ DATA_DIR: target, JWT_SECRET: SECRET, READMODEL_URL: '', EVENTSTORE_URL: '', REDIS_URL: '', CLOCK: 'manual' });
    const after = (await (await call(server.baseUrl, 'GET', '/api/hotline/orders?pageSize=200')).json()) as typeof listed;
    expect(after).toEqual(listed);
  }, 240_000);
});
