/**
 * `npm run trial:crash -- --runs N [--store sqlite|postgres] [--clients 16]` (issue 13): each trial starts the
 * server as a real process on fresh stores, drives concurrent commands of every kind (orders through their life,
 * petitions, clues, the manual clock moved on so escalations fall due, accountability clues follow and the outbox
 * fills, a month end so the ranking is published), kills it with SIGKILL at a random moment, starts it again and
 * verifies:
 * - every command answered 2xx is in the store (the case's version is at least the one the answer gave);
 * - no escalation rung, accountability clue, outbox message or published ranking exists twice;
 * - every read model equals a full rebuild from the events (`npm run cli -- projections:rebuild`).
 * PostgreSQL trials use READMODEL_URL (default postgres://postgres@127.0.0.1:5432/test) for both stores, each trial in
 * schemas of its own, dropped afterwards. Prints one line per trial and a summary; exits 1 when any trial is not clean.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Role, loadConfig, openEventStore, signToken } from '@qf/platform';
import { openMaintenance } from '../apps/cli/src/maintenance';
import { ServerProcess, kill9, startServerProcess, stopServerProcess } from '../test/support/process';
import { readModelTables } from '../test/support/read-model-tables';

const SECRET = 'crash-trial-secret-0123456789abcdef';
const UNITS = ['U-JD-01', 'U-JD-02', 'U-JD-03', 'U-BM-CG'];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const token = (roles: Role[], unitId: string | null, sub = `${roles[0]}@${unitId ?? 'none'}`) => signToken({ sub, roles, unitId }, SECRET);

interface Ack {
  kind: 'hotline' | 'petition' | 'clue';
  id: string;
  version: number;
}

interface TrialResult {
  run: number;
  acknowledged: number;
  killedAfterMs: number;
  events: number;
  escalations: number;
  problems: string[];
}

async function trial(run: number, store: string, clients: number): Promise<TrialResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qf-trial-'));
  const pgUrl = process.env.READMODEL_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const schemas = { es: `trial_es_${process.pid}_${run}`, rm: `trial_rm_${process.pid}_${run}` };
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    JWT_SECRET: SECRET,
    CLOCK: 'manual',
    CLOCK_START: '2026-03-26T09:00:00+08:00',
    REDIS_URL: '',
    KAFKA_BROKERS: '',
    QF_BACKGROUND: 'on',
    ...(store === 'postgres'
      ? { READMODEL_URL: pgUrl, READMODEL_SCHEMA: schemas.rm, EVENTSTORE_URL: pgUrl, EVENTSTORE_SCHEMA: schemas.es }
      : { READMODEL_URL: '', EVENTSTORE_URL: '' }),
  };
  const problems: string[] = [];
  const acks: Ack[] = [];
  let server: ServerProcess | undefined = await startServerProcess(env);
  const operator = token(['hotline_operator'], 'U-RX');
  const officer = token(['petition_officer'], 'U-XF');
  const inspector = token(['inspector'], 'U-JW');
  const admin = token(['admin'], null);
  const call = async (base: string, method: string, path: string, bearer: string, body?: object) => {
    const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
  };

  // Load: concurrent clients until the kill; every 2xx that names a case version is remembered.
  const orders: Array<{ orderNo: string; unitId: string; status: string }> = [];
  const petitions: string[] = [];
  let serial = 0;
  let stop = false;
  let clockBusy = false;
  let day = 0;
  const base = server.baseUrl;
  const remember = (kind: Ack['kind'], res: { status: number; body: Record<string, any> }) => {
    if (res.status >= 200 && res.status < 300 && typeof res.body.version === 'number') acks.push({ kind, id: String(res.body.id), version: res.body.version });
    if (res.status >= 500) problems.push(`5xx during load: ${JSON.stringify(res.body).slice(0, 200)}`);
  };
  const step = async () => {
    const r = Math.random();
    if (r < 0.3) {
      const orderNo = `TR${run}-${serial++}`;
      const unitId = UNITS[serial % UNITS.length];
      const res = await call(base, 'POST', '/api/hotline/orders', operator, { orderNo, channel: 'phone', category: '城市管理', urgency: serial % 5 === 0 ? 'urgent' : 'normal', content: '夜间占道经营噪音扰民', unitId, caller: { name: '王小二', phone: '13900001111' } });
      remember('hotline', res);
      if (res.status === 201) orders.push({ orderNo, unitId, status: 'dispatched' });
    } else if (r < 0.6 && orders.length > 0) {
      const o = orders[Math.floor(Math.random() * orders.length)];
      // A third of the orders are never signed: their ladders climb when the clock moves.
      if (Number(o.orderNo.split('-')[1]) % 3 === 0) return;
      const handler = token(['unit_handler'], o.unitId);
      const next =
        o.status === 'dispatched' ? (['sign', {}] as const)
        : o.status === 'signed' ? (['reply', { outcome: 'resolved', reply: '已协调城管中队清理占道摊点，并安排夜间巡查。' }] as const)
        : o.status === 'replied' ? (['visit', { satisfaction: 'satisfied', resolved: true }] as const)
        : null;
      if (!next) return;
      const res = await call(base, 'POST', `/api/hotline/orders/${o.orderNo}/${next[0]}`, next[0] === 'visit' ? operator : handler, next[1]);
      remember('hotline', res);
      if (res.status === 200) o.status = String(res.body.status);
    } else if (r < 0.72) {
      const res = await call(base, 'POST', '/api/petitions', officer, { channel: 'visit', petitioner: { name: '林某某', idNumber: '110101198001011234' }, subject: '拖欠工资', content: '用人单位拖欠工资三个月', category: '劳动保障' });
      remember('petition', res);
      if (res.status === 201) petitions.push(String(res.body.id));
    } else if (r < 0.8 && petitions.length > 0) {
      const id = petitions[Math.floor(Math.random() * petitions.length)];
      remember('petition', await call(base, 'POST', `/api/petitions/${id}/assign`, officer, { unitId: UNITS[serial % UNITS.length], mode: 'assign' }));
    } else if (r < 0.88) {
      remember('clue', await call(base, 'POST', '/api/clues', inspector, { source: 'audit', subjects: [{ name: '某干部', unitId: 'U-BM-CG', rank: 'section', partyMember: true }], allegations: '违规发放津补贴，涉嫌违反廉洁纪律。', category: 'integrity' }));
    } else if (r < 0.92 && !clockBusy) {
      // The manual clock moves a working day on: warnings and escalations fall due, and 04-01 publishes March.
      clockBusy = true;
      day += 2;
      const now = new Date(Date.parse('2026-03-26T09:00:00+08:00') + day * 86_400_000).toISOString();
      const res = await call(base, 'POST', '/api/admin/clock', admin, { now });
      if (res.status >= 500) problems.push(`5xx moving the clock: ${JSON.stringify(res.body)}`);
      clockBusy = false;
    } else {
      await call(base, 'GET', '/api/hotline/orders?pageSize=20', operator);
    }
  };
  const loop = async () => {
    while (!stop) await step().catch(() => undefined);
  };
  const killedAfterMs = 500 + Math.floor(Math.random() * 4000);
  const loops = Array.from({ length: clients }, loop);
  await new Promise((r) => setTimeout(r, killedAfterMs));
  await kill9(server);
  stop = true;
  await Promise.all(loops);
  // Answers that arrived while the process died were sent before the kill: they count as acknowledged too.
  server = await startServerProcess(env);
  try {
    // Let the restarted server finish what was due: projections caught up and no event appended for a while.
    let lastHead = '';
    let still = 0;
    for (let i = 0; i < 600 && still < 8; i++) {
      const ready = (await (await fetch(`${server.baseUrl}/health/ready`)).json()) as { checks: { eventStore: { detail?: { head?: string } } }; projections: Array<{ lag: number | null }> };
      const head = String(ready.checks.eventStore.detail?.head ?? '');
      still = head === lastHead && ready.projections.every((p) => p.lag === 0) ? still + 1 : 0;
      lastHead = head;
      await new Promise((r) => setTimeout(r, 250));
    }
    const reader = { hotline: operator, petition: officer, clue: inspector };
    const latest = new Map<string, Ack>();
    for (const a of acks) {
      const key = `${a.kind}/${a.id}`;
      if ((latest.get(key)?.version ?? -1) < a.version) latest.set(key, a);
    }
    for (const a of latest.values()) {
      const res = await call(server.baseUrl, 'GET', `/api/cases/${a.kind}/${a.id}`, reader[a.kind]);
      if (res.status !== 200) problems.push(`acknowledged ${a.kind} ${a.id} v${a.version}: GET answered ${res.status}`);
      else if ((res.body.version as number) < a.version) problems.push(`acknowledged ${a.kind} ${a.id} v${a.version} but the store has v${res.body.version}`);
    }
  } finally {
    await stopServerProcess(server!);
    server = undefined;
  }

  // Straight from the stores: nothing twice.
  const config = loadConfig({ ...process.env, ...env } as NodeJS.ProcessEnv);
  const eventStore = await openEventStore(config);
  let events = 0;
  let escalations = 0;
  const eventIds = new Set<string>();
  try {
    const rungs = new Map<string, number>();
    const clues = new Map<string, number>();
    let after: bigint | null = null;
    for (;;) {
      const page = await eventStore.readAll({ after, limit: 2000 });
      if (page.length === 0) break;
      for (const e of page) {
        events++;
        eventIds.add(e.id);
        const data = e.data as { escalationId?: string; stage?: string; round?: number; level?: number };
        if (e.type === 'DeadlineEscalated') {
          escalations++;
          const rung = `${e.streamId}|${data.stage}|${data.round}|${data.level}|${(e.data as { dueAt?: string }).dueAt}`;
          rungs.set(rung, (rungs.get(rung) ?? 0) + 1);
        }
        if (e.type === 'ClueRegistered' && data.escalationId) clues.set(data.escalationId, (clues.get(data.escalationId) ?? 0) + 1);
        if (/^ranking-[a-z]+-\d{4}-\d{2}$/.test(e.streamId) && e.revision > 0) problems.push(`ranking ${e.streamId} published twice`);
      }
      after = page[page.length - 1].position;
    }
    for (const [rung, n] of rungs) if (n > 1) problems.push(`escalation ${rung} fired ${n} times`);
    for (const [id, n] of clues) if (n > 1) problems.push(`accountability clue for ${id} registered ${n} times`);
  } finally {
    await eventStore.close();
  }
  const before = await readModelTables(config);
  const outbox = (before.integration_outbox ?? []).map((row) => JSON.parse(row) as { message_id: string; headers: string });
  if (new Set(outbox.map((m) => m.message_id)).size !== outbox.length) problems.push('an outbox message exists twice');
  for (const m of outbox) {
    const eventId = (JSON.parse(m.headers) as Record<string, string>)['x-event-id'];
    if (eventId && !eventIds.has(eventId)) problems.push(`outbox message ${m.message_id} for an event not in the store`);
  }

  // Every read model equals a rebuild from the events — what `npm run cli -- projections:rebuild` does, in this process.
  try {
    await rebuild(env);
    const after = await readModelTables(config);
    for (const table of Object.keys(before)) {
      if (JSON.stringify(before[table]) !== JSON.stringify(after[table])) problems.push(`read model ${table} differs from its rebuild`);
    }
  } catch (err) {
    problems.push(`rebuild failed: ${String(err)}`);
  }

  rmSync(dataDir, { recursive: true, force: true });
  if (store === 'postgres') {
    const pg = new Client({ connectionString: pgUrl });
    await pg.connect();
    await pg.query(`drop schema if exists ${schemas.es} cascade; drop schema if exists ${schemas.rm} cascade`);
    await pg.end();
  }
  return { run, acknowledged: acks.length, killedAfterMs, events, escalations, problems };
}

/** The CLI's rebuild (`npm run cli -- projections:rebuild`) on the trial's stores, in this process. */
async function rebuild(env: Record<string, string>): Promise<void> {
  const saved = { ...process.env };
  Object.assign(process.env, env, { NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  const maintenance = await openMaintenance();
  try {
    await maintenance.rebuild();
  } finally {
    await maintenance.close();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

async function main(): Promise<void> {
  const runs = Number(arg('runs', '10'));
  const store = arg('store', 'sqlite');
  const clients = Number(arg('clients', '16'));
  if (!['sqlite', 'postgres'].includes(store) || !(runs > 0) || !(clients > 0)) {
    process.stderr.write('usage: npm run trial:crash -- --runs N [--store sqlite|postgres] [--clients 16]\n');
    process.exit(2);
  }
  process.stdout.write(`crash trials: ${runs} on ${store}, ${clients} concurrent clients, SIGKILL 0.5–4.5 s into the load\n`);
  const results: TrialResult[] = [];
  const started = Date.now();
  for (let run = 1; run <= runs; run++) {
    const r = await trial(run, store, clients);
    results.push(r);
    process.stdout.write(
      `trial ${run}/${runs}: killed after ${r.killedAfterMs} ms, ${r.acknowledged} acknowledged, ${r.events} events, ${r.escalations} escalations — ${r.problems.length === 0 ? 'clean' : `NOT CLEAN:\n  ${r.problems.slice(0, 10).join('\n  ')}`}\n`,
    );
  }
  const clean = results.filter((r) => r.problems.length === 0).length;
  const sum = (f: (r: TrialResult) => number) => results.reduce((a, r) => a + f(r), 0);
  process.stdout.write(
    `\n${clean} of ${runs} clean on ${store}: ${sum((r) => r.acknowledged)} acknowledged commands, ${sum((r) => r.events)} events, ${sum((r) => r.escalations)} escalations in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
  process.exit(clean === runs ? 0 : 1);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
