import http from 'node:http';
import { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { configureApp, signToken } from '@qf/platform';
import { StandaloneModule } from '../apps/standalone/src/app.module';

interface Load {
  requests: number;
  perSec: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function call(port: number, method: string, path: string, token?: string, body?: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      { host: '127.0.0.1', port, method, path, agent, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Runs `total` jobs with `concurrency` workers; each job is one or more sequential requests. */
async function drive(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await job(next++);
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Plain HTTP command throughput of the standalone app (create + sign per order) beside a bare endpoint of the same app. */
export async function benchHttp(opts: { dataDir: string; orders?: number; concurrency?: number }): Promise<{ bare: Load; createSign: Load & { ordersPerSec: number } }> {
  const orders = opts.orders ?? 1000;
  const concurrency = opts.concurrency ?? 16;
  Object.assign(process.env, { DATA_DIR: opts.dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-0123456789abcdef', CLOCK: 'system', PROJECTION_WAIT_MS: '2000' });
  delete process.env.READMODEL_URL;
  delete process.env.EVENTSTORE_URL;
  const app = await NestFactory.create(StandaloneModule, { bodyParser: false, logger: false });
  configureApp(app, 'bench');
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const operator = signToken({ sub: 'bench-op', roles: ['hotline_operator'], unitId: 'U-RX' }, process.env.JWT_SECRET!);
  const street = signToken({ sub: 'bench-h', roles: ['unit_handler'], unitId: 'U-JD-01' }, process.env.JWT_SECRET!);
  try {
    const bareN = orders * 2;
    const bareSecs = await drive(bareN, concurrency, async () => {
      if ((await call(port, 'GET', '/health/live')) !== 200) throw new Error('bare endpoint failed');
    });
    const secs = await drive(orders, concurrency, async (i) => {
      const orderNo = `BENCH-${i}`;
      const body = { orderNo, channel: 'phone', category: '城市管理', urgency: 'normal', content: '基准测试工单', unitId: 'U-JD-01' };
      if ((await call(port, 'POST', '/api/hotline/orders', operator, body)) !== 201) throw new Error('create failed');
      if ((await call(port, 'POST', `/api/hotline/orders/${orderNo}/sign`, street)) !== 200) throw new Error('sign failed');
    });
    return {
      bare: { requests: bareN, perSec: bareN / bareSecs },
      createSign: { requests: orders * 2, perSec: (orders * 2) / secs, ordersPerSec: orders / secs },
    };
  } finally {
    agent.destroy();
    await app.close();
  }
}
