import autocannon from 'autocannon';
import { signToken } from '@qf/platform';
import { ServerProcess, startServerProcess } from '../test/support/process';

export interface HttpLoad {
  requests: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than the expected status (must be 0 for the figure to count). */
  failures: number;
}

export interface HttpBenchResult {
  connections: number;
  seconds: number;
  bare: HttpLoad;
  create: HttpLoad;
  sign: HttpLoad;
  /** Resident memory of the server process after the load (MB). */
  serverRssMb: number;
}

const SECRET = 'bench-secret-0123456789abcdef';

function load(opts: autocannon.Options, expected: number): Promise<HttpLoad> {
  return new Promise((resolve, reject) => {
    let failures = 0;
    const instance = autocannon(opts, (error, result) => {
      if (error) return reject(error);
      resolve({
        requests: result.requests.total,
        perSec: result.requests.total / (result.duration || 1),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        failures: failures + result.errors + result.timeouts,
      });
    });
    instance.on('response', (_client: unknown, status: number) => {
      if (status !== expected) failures++;
    });
  });
}

function rssOf(pid: number): number {
  try {
    const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8') as string;
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
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
  const server: ServerProcess = await startServerProcess({ DATA_DIR: opts.dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: SECRET, PII_KEY: Buffer.alloc(32, 7).toString('base64'), CLOCK: 'system', READMODEL_URL: '', EVENTSTORE_URL: '', REDIS_URL: '', KAFKA_BROKERS: '' });
  const url = server.baseUrl.replace('localhost', '127.0.0.1');
  const operator = signToken({ sub: 'bench-op', roles: ['hotline_operator'], unitId: 'U-RX' }, SECRET);
  const street = signToken({ sub: 'bench-h', roles: ['unit_handler'], unitId: 'U-JD-01' }, SECRET);
  try {
    // Warm-up: JIT, prepared statements, the directory cache.
    await load({ url, connections, amount: 2000, requests: [{ method: 'GET', path: '/health/live' }] }, 200);
    const bare = await load({ url, connections, duration: seconds, requests: [{ method: 'GET', path: '/health/live' }] }, 200);

    let created = 0;
    const create = await load(
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
    return { connections, seconds, bare, create, sign, serverRssMb: rssOf(server.child.pid!) };
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
  }
}
