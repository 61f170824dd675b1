import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { signToken } from '@qf/platform';
import { ServerProcess, projectionsCaughtUp, startServerProcess, stopServerProcess } from '../test/support/process';

export interface HttpLoad {
  requests: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than the expected status (must be 0 for the figure to count). */
  failures: number;
  /** CPU time the server process spent per request (user + system, from /proc), ms. */
  serverCpuMs: number;
}

export interface HttpBenchResult {
  connections: number;
  seconds: number;
  bare: HttpLoad;
  create: HttpLoad;
  sign: HttpLoad;
}

const SECRET = 'bench-secret-0123456789abcdef';

/** CPU time (user + system) a process has used so far, ms. */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function load(pid: number, opts: autocannon.Options, expected: number): Promise<HttpLoad> {
  return new Promise((resolve, reject) => {
    let failures = 0;
    const cpuBefore = cpuMsOf(pid);
    const instance = autocannon(opts, (error, result) => {
      if (error) return reject(error);
      // The projections may still be working off the load: their CPU belongs to these requests too.
      projectionsCaughtUp(opts.url as string).then(
        () =>
          resolve({
            requests: result.requests.total,
            perSec: result.requests.total / (result.duration || 1),
            p50Ms: result.latency.p50,
            p99Ms: result.latency.p99,
            failures: failures + result.errors + result.timeouts,
            serverCpuMs: (cpuMsOf(pid) - cpuBefore) / Math.max(1, result.requests.total),
          }),
        reject,
      );
    });
    instance.on('response', (_client: unknown, status: number) => {
      if (status !== expected) failures++;
    });
  });
}

/**
 * HTTP command throughput of `npm start`'s server, measured from another process: the server runs as its own
 * process (embedded default, fresh DATA_DIR) and autocannon drives it from this one over loopback keep-alive
 * connections. The limit is the same server's bare endpoint (`GET /health/live`: routing, logging, no store),
 * measured in the same run with the same connections; commands are 派单 (create, one new order each) and then 签收
 * (sign) of those orders.
 */
export async function benchHttp(opts: { dataDir: string; connections?: number; seconds?: number }): Promise<HttpBenchResult> {
  const connections = opts.connections ?? 16;
  const seconds = opts.seconds ?? 15;
  const server: ServerProcess = await startServerProcess(
    { DATA_DIR: opts.dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: SECRET, PII_KEY: Buffer.alloc(32, 7).toString('base64'), CLOCK: 'system', READMODEL_URL: '', EVENTSTORE_URL: '', REDIS_URL: '', KAFKA_BROKERS: '' },
    60_000,
    undefined,
    { compiled: true },
  );
  const url = server.baseUrl.replace('localhost', '127.0.0.1');
  const operator = signToken({ sub: 'bench-op', roles: ['hotline_operator'], unitId: 'U-RX' }, SECRET);
  const street = signToken({ sub: 'bench-h', roles: ['unit_handler'], unitId: 'U-JD-01' }, SECRET);
  const pid = server.child.pid!;
  try {
    // Warm-up: JIT, prepared statements, the directory cache.
    await load(pid, { url, connections, amount: 2000, requests: [{ method: 'GET', path: '/health/live' }] }, 200);
    const bare = await load(pid, { url, connections, duration: seconds, requests: [{ method: 'GET', path: '/health/live' }] }, 200);

    let created = 0;
    const create = await load(
      pid,
      {
        url,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/api/hotline/orders',
            headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({ orderNo: `BENCH-${created++}`, channel: 'phone', category: '城市管理', urgency: 'normal', content: '基准测试工单', unitId: 'U-JD-01' }),
            }),
          },
        ],
      },
      201,
    );
    let signed = 0;
    const sign = await load(
      pid,
      {
        url,
        connections,
        amount: Math.min(created, create.perSec * seconds),
        requests: [
          {
            method: 'POST',
            path: '/api/hotline/orders/BENCH-0/sign',
            headers: { authorization: `Bearer ${street}` },
            setupRequest: (req) => ({ ...req, path: `/api/hotline/orders/BENCH-${signed++}/sign` }),
          },
        ],
      },
      200,
    );
    return { connections, seconds, bare, create, sign };
  } finally {
    await stopServerProcess(server);
  }
}
