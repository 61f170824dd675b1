import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@qf/event-store';
import { signToken } from '@qf/platform';
import { projectionsCaughtUp, startServerProcess, stopServerProcess } from '../test/support/process';
import { appendOrderLives } from './order-lives';

export interface MemoryBenchResult {
  events: number;
  /** Seconds from starting the server until every projection was at the head (startup included). */
  catchUpSeconds: number;
  catchUpPerSec: number;
  /** Highest resident set (VmHWM) of the first server, which brought every projection from nothing to the head, MB. */
  catchUpPeakRssMb: number;
  /** Highest resident set of the restarted server (read models in place) over start and the reads, MB. */
  peakRssMb: number;
  /** Resident set of the restarted server after the reads (VmRSS), MB. */
  rssMb: number;
  /** Resident set of the same server started on an empty store, in the same run: the limit's baseline. */
  emptyRssMb: number;
}

const SECRET = 'bench-secret-0123456789abcdef';
const UNITS = ['U-JD-01', 'U-JD-02', 'U-JD-03', 'U-JD-04', 'U-ZH-01', 'U-ZH-02', 'U-BM-CG'];

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Writes `events` events as whole work-order lives (dispatch, sign, reply — 3 each) over January–March 2026. */
async function fill(dataDir: string, events: number): Promise<number> {
  mkdirSync(dataDir, { recursive: true });
  const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
  const orders = Math.ceil(events / 3);
  const from = Date.parse('2026-01-05T09:00:00+08:00');
  const span = Date.parse('2026-03-27T09:00:00+08:00') - from;
  await appendOrderLives(store, orders, (i) => ({ orderNo: `MEM-${i}`, unitId: UNITS[i % UNITS.length], at: new Date(from + Math.floor((i / orders) * span)) }), '内存基准工单', 1000);
  const head = Number((await store.headPosition()) ?? 0n);
  await store.close();
  return head;
}

async function startOn(dataDir: string) {
  return startServerProcess(
    { DATA_DIR: dataDir, JWT_SECRET: SECRET, LOG_LEVEL: 'warn', CLOCK: 'manual', CLOCK_START: '2026-03-31T12:00:00+08:00', READMODEL_URL: '', EVENTSTORE_URL: '', REDIS_URL: '', KAFKA_BROKERS: '' },
    120_000,
    undefined,
    { compiled: true },
  );
}

/**
 * Resident memory of `npm start`'s server with a million events: the store is filled with work-order lives; the
 * server starts on it as its own process with no read models and brings every projection up to the head (the heaviest
 * moment: the whole log streams through it); then it is restarted, as after any deploy, and answers the reads a
 * supervisor makes — a list, two monthly rankings, the deadlines. Resident sets are read from /proc (VmHWM, VmRSS);
 * the same server on an empty store is measured in the same run as the baseline.
 */
export async function benchMemory(opts: { dataDir: string; events?: number }): Promise<MemoryBenchResult> {
  const empty = await startOn(join(opts.dataDir, 'empty'));
  const emptyRssMb = memoryOf(empty.child.pid!).rss;
  await stopServerProcess(empty);

  const dataDir = join(opts.dataDir, 'full');
  const events = await fill(dataDir, opts.events ?? 1_000_000);
  // First start: no read models yet — the whole log streams through every projection.
  const t0 = Date.now();
  let server = await startOn(dataDir);
  let catchUpSeconds: number;
  let catchUpPeak: number;
  try {
    await projectionsCaughtUp(server.baseUrl, { pollMs: 1000 });
    catchUpSeconds = (Date.now() - t0) / 1000;
    catchUpPeak = memoryOf(server.child.pid!).peak;
  } finally {
    await stopServerProcess(server);
  }
  // Second start, as after any restart: read models in place; a supervisor's reads.
  server = await startOn(dataDir);
  try {
    const leader = signToken({ sub: 'bench-leader', roles: ['leader'], unitId: null }, SECRET);
    const operator = signToken({ sub: 'bench-op', roles: ['hotline_operator'], unitId: 'U-RX' }, SECRET);
    const get = async (path: string, token = leader) => {
      const res = await fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      return res.json() as Promise<any>;
    };
    await get('/api/hotline/orders?pageSize=100', operator);
    await get('/api/reports/monthly-ranking?month=2026-03&kind=hotline');
    await get('/api/reports/monthly-ranking?month=2026-02&kind=hotline');
    await get('/api/deadlines?pageSize=100', operator);
    const { rss, peak } = memoryOf(server.child.pid!);
    return { events, catchUpSeconds, catchUpPerSec: events / catchUpSeconds, catchUpPeakRssMb: catchUpPeak, peakRssMb: peak, rssMb: rss, emptyRssMb };
  } finally {
    await stopServerProcess(server);
  }
}
