import { mkdirSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { sql } from 'kysely';
import type { ReadModelDb } from '@qf/projections';
import { READ_MODEL_DB, SYSTEM_ACTOR } from '@qf/platform';
import { CLEARANCE_CASES_TABLE, CLEARANCE_CELLS_TABLE, CLEARANCE_LATENT_TABLE, CLEARANCE_OVERDUE_TABLE, CLEARANCE_UNITS_TABLE, CampaignsService, ClearanceService, HOTLINE_FACTS_TABLE, HOTLINE_MONTHLY_TABLE, RankingPublisher, RankingService } from '@qf/reporting';
import { StandaloneModule } from '../apps/standalone/src/app.module';

export interface ReportsBenchResult {
  store: 'SQLite' | 'PostgreSQL';
  orders: number;
  units: number;
  factRows: number;
  loadSeconds: number;
  rankingMs: number;
  clearanceMs: number;
  /** The same two answered as known at a past moment (knownAt): from the fact rows, without counters or day cells. */
  rankingKnownAtMs: number;
  clearanceKnownAtMs: number;
}

const DAY = 86_400;
/** 2026-01-01T00:00+08:00 in epoch seconds. */
const BASE = Date.parse('2026-01-01T00:00:00+08:00') / 1000;

/**
 * SQL that generates the read-model rows of `orders` work orders across `units` units, dispatched evenly over
 * January–March 2026, as the projections would write them: per order its dispatch, its sign and reply deadlines, its
 * reply and return visit (ranking facts), and its clearance row (with the start of its open-ended overdue, if any), day
 * cell, overdue intervals and latent (met-in-time) deadline intervals. Generated inside the database
 * (a recursive CTE on SQLite, generate_series on PostgreSQL) because pushing 9 million rows through the projections
 * on every bench run would take most of an hour; the queries measured are exactly the ones the API runs.
 */
function generators(dialect: 'sqlite' | 'postgres', orders: number, units: number) {
  const pg = dialect === 'postgres';
  const seq = pg ? `generate_series(1, ${orders}) as s(n)` : `seq`;
  const withSeq = pg ? '' : `with recursive seq(n) as (select 1 union all select n + 1 from seq where n < ${orders}) `;
  const ts = (secs: string) => (pg ? `to_char(to_timestamp(${secs}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `strftime('%Y-%m-%dT%H:%M:%fZ', ${secs}, 'unixepoch')`);
  const month = (secs: string) => (pg ? `to_char(to_timestamp(${secs} + 28800) at time zone 'UTC', 'YYYY-MM')` : `strftime('%Y-%m', ${secs} + 28800, 'unixepoch')`);
  const unit = pg ? `'U-B-' || lpad((n % ${units})::text, 3, '0')` : `printf('U-B-%03d', n % ${units})`;
  const d = pg ? `(${BASE}::bigint + (n::bigint * ${90 * DAY}) / ${orders})` : `(${BASE} + (n * ${90 * DAY}) / ${orders})`;
  const id = (suffix: string) => (pg ? `'B-' || n::text || '${suffix}'` : `'B-' || n || '${suffix}'`);
  const orderNo = pg ? `'B-' || n::text` : `'B-' || n`;
  const cleared = `case when ${'(n % 10 <> 0)'} and n % 6 <> 0 then ${ts(`${d} + ${7 * DAY}`)} end`;
  const day = (col: string) => (pg ? `to_char((${col})::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM-DD')` : `strftime('%Y-%m-%d', ${col}, '+8 hours')`);
  const key = (suffix: string) => (pg ? `'hotline-B-' || n::text || '${suffix}'` : `'hotline-B-' || n || '${suffix}'`);
  // 10 % never signed; of the rest every 7th signed late (after 2 days); 90 % replied, every 13th late; visits: every
  // 5th unresolved, every 6th unsatisfied.
  const signed = `(n % 10 <> 0)`;
  const signMet = `case when ${signed} then ${ts(`${d} + case when n % 7 = 0 then ${2 * DAY} else 3600 end`)} end`;
  const replyAt = `${d} + case when n % 13 = 0 then ${6 * DAY} else ${3 * DAY} end`;
  const facts = HOTLINE_FACTS_TABLE;
  return [
    `${withSeq}insert into ${facts} (id, kind, order_no, unit_id, at, month, due_at, met_at, flag, flag2, rec, met_rec) select ${id('/dispatch/1')}, 'dispatch', ${orderNo}, ${unit}, ${ts(d)}, ${month(d)}, ${ts(`${d} + ${DAY}`)}, ${signMet}, 0, 0, ${ts(d)}, ${signMet} from ${seq}`,
    `${withSeq}insert into ${facts} (id, kind, order_no, unit_id, at, month, due_at, met_at, flag, flag2, rec, met_rec) select ${id('/deadline/sign/1')}, 'deadline', ${orderNo}, ${unit}, ${ts(`${d} + ${DAY}`)}, ${month(`${d} + ${DAY}`)}, ${ts(`${d} + ${DAY}`)}, ${signMet}, 0, 0, ${ts(d)}, ${signMet} from ${seq}`,
    `${withSeq}insert into ${facts} (id, kind, order_no, unit_id, at, month, due_at, met_at, flag, flag2, rec, met_rec) select ${id('/deadline/reply/1')}, 'deadline', ${orderNo}, ${unit}, ${ts(`${d} + ${5 * DAY}`)}, ${month(`${d} + ${5 * DAY}`)}, ${ts(`${d} + ${5 * DAY}`)}, case when ${signed} then ${ts(replyAt)} end, 0, 0, ${ts(d)}, case when ${signed} then ${ts(replyAt)} end from ${seq}`,
    `${withSeq}insert into ${facts} (id, kind, order_no, unit_id, at, month, due_at, met_at, flag, flag2, rec, met_rec) select ${id('/reply')}, 'reply', ${orderNo}, ${unit}, ${ts(replyAt)}, ${month(replyAt)}, ${ts(`${d} + ${5 * DAY}`)}, null, case when n % 13 = 0 then 0 else 1 end, 0, ${ts(replyAt)}, null from ${seq} where ${signed}`,
    `${withSeq}insert into ${facts} (id, kind, order_no, unit_id, at, month, due_at, met_at, flag, flag2, rec, met_rec) select ${id('/visit')}, 'visit', ${orderNo}, ${unit}, ${ts(`${d} + ${7 * DAY}`)}, ${month(`${d} + ${7 * DAY}`)}, null, null, case when n % 5 = 0 then 0 else 1 end, case when n % 6 = 0 then 0 else 1 end, ${ts(`${d} + ${7 * DAY}`)}, null from ${seq} where ${signed}`,
    `${withSeq}insert into ${CLEARANCE_CASES_TABLE} (id, kind, case_id, received_at, cleared_at, on_time, unit_id, unit_changed, received_rec, cleared_rec, overdue_from) select ${pg ? `'hotline-B-' || n::text` : `'hotline-B-' || n`}, 'hotline', ${orderNo}, ${ts(d)}, case when ${signed} and n % 6 <> 0 then ${ts(`${d} + ${7 * DAY}`)} end, case when ${signed} and n % 6 <> 0 then (case when n % 13 = 0 then 0 else 1 end) end, ${unit}, 0, ${ts(d)}, ${cleared}, case when not ${signed} then ${ts(`${d} + ${DAY}`)} end from ${seq}`,
    `${withSeq}insert into ${CLEARANCE_UNITS_TABLE} (id, case_key, unit_id, from_at, from_rec) select ${pg ? `'hotline-B-' || n::text || '/0'` : `'hotline-B-' || n || '/0'`}, ${pg ? `'hotline-B-' || n::text` : `'hotline-B-' || n`}, ${unit}, ${ts(d)}, ${ts(d)} from ${seq}`,
    // The running monthly counters, as the projection keeps them: the sums of the facts' contributions.
    `insert into ${HOTLINE_MONTHLY_TABLE} (id, month, unit_id, dispatched, sign_met, sign_met_in_time, replied, replied_on_time, visited, resolved, satisfied, reopened)
       select month || '/' || unit_id, month, unit_id,
         sum(case when kind = 'dispatch' then 1 else 0 end),
         sum(case when kind = 'dispatch' and met_at is not null then 1 else 0 end),
         sum(case when kind = 'dispatch' and met_at is not null and met_at <= due_at then 1 else 0 end),
         sum(case when kind = 'reply' then 1 else 0 end),
         sum(case when kind = 'reply' then flag else 0 end),
         sum(case when kind = 'visit' then 1 else 0 end),
         sum(case when kind = 'visit' then flag else 0 end),
         sum(case when kind = 'visit' then flag2 else 0 end),
         sum(case when kind = 'reopen' then 1 else 0 end)
       from ${facts} group by month, unit_id`,
    // Overdue intervals: the unsigned (sign from due, reply from due, open-ended), late signatures and late replies.
    `${withSeq}insert into ${CLEARANCE_OVERDUE_TABLE} (id, case_key, from_at, to_at, kind, received_at, cleared_at, unit_id, unit_changed, from_rec, to_rec, received_rec, cleared_rec) select ${key('/sign')}, ${key('')}, ${ts(`${d} + ${DAY}`)}, case when ${signed} then ${ts(`${d} + ${2 * DAY}`)} end, 'hotline', ${ts(d)}, ${cleared}, ${unit}, 0, ${ts(d)}, case when ${signed} then ${ts(`${d} + ${2 * DAY}`)} end, ${ts(d)}, ${cleared} from ${seq} where not ${signed} or n % 7 = 0`,
    `${withSeq}insert into ${CLEARANCE_OVERDUE_TABLE} (id, case_key, from_at, to_at, kind, received_at, cleared_at, unit_id, unit_changed, from_rec, to_rec, received_rec, cleared_rec) select ${key('/reply')}, ${key('')}, ${ts(`${d} + ${5 * DAY}`)}, case when ${signed} then ${ts(`${d} + ${6 * DAY}`)} end, 'hotline', ${ts(d)}, ${cleared}, ${unit}, 0, ${ts(d)}, case when ${signed} then ${ts(`${d} + ${6 * DAY}`)} end, ${ts(d)}, ${cleared} from ${seq} where not ${signed} or n % 13 = 0`,
    // Latent intervals (deadline versions met before they fell due: never overdue, read only with knownAt): every sign
    // met within the hour and every reply met on time — most deadlines, as in a real district.
    `${withSeq}insert into ${CLEARANCE_LATENT_TABLE} (id, case_key, from_at, to_at, kind, received_at, cleared_at, unit_id, unit_changed, from_rec, to_rec, received_rec, cleared_rec) select ${key('/sign')}, ${key('')}, ${ts(`${d} + ${DAY}`)}, ${ts(`${d} + 3600`)}, 'hotline', ${ts(d)}, ${cleared}, ${unit}, 0, ${ts(d)}, ${ts(`${d} + 3600`)}, ${ts(d)}, ${cleared} from ${seq} where ${signed} and n % 7 <> 0`,
    `${withSeq}insert into ${CLEARANCE_LATENT_TABLE} (id, case_key, from_at, to_at, kind, received_at, cleared_at, unit_id, unit_changed, from_rec, to_rec, received_rec, cleared_rec) select ${key('/reply')}, ${key('')}, ${ts(`${d} + ${5 * DAY}`)}, ${ts(replyAt)}, 'hotline', ${ts(d)}, ${cleared}, ${unit}, 0, ${ts(d)}, ${ts(replyAt)}, ${ts(d)}, ${cleared} from ${seq} where ${signed} and n % 13 <> 0`,
    // The day cells, as the projection keeps them: cases counted by unit, day received, day cleared, on time.
    `insert into ${CLEARANCE_CELLS_TABLE} (id, kind, unit_id, rday, cday, on_time, n)
       select kind || '/' || unit_id || '/' || rday || '/' || cday || '/' || on_time, kind, unit_id, rday, cday, on_time, count(*)
       from (select kind, unit_id, ${day('received_at')} as rday, coalesce(${day('cleared_at')}, '') as cday, coalesce(on_time, 0) as on_time from ${CLEARANCE_CASES_TABLE}) x
       group by kind, unit_id, rday, cday, on_time`,
  ];
}

/** Ranking and clearance over `orders` work orders across `units` units, on the read-model store of `readModelUrl` (SQLite when absent). */
export async function benchReports(opts: { dataDir: string; readModelUrl?: string; orders?: number; units?: number }): Promise<ReportsBenchResult> {
  const orders = opts.orders ?? 1_000_000;
  const units = opts.units ?? 300;
  mkdirSync(opts.dataDir, { recursive: true });
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: opts.dataDir,
    CLOCK: 'manual',
    CLOCK_START: '2026-04-05T09:00:00+08:00',
    READMODEL_URL: opts.readModelUrl ?? '',
    READMODEL_SCHEMA: opts.readModelUrl ? `qf_bench_${process.pid}_${Date.now()}` : '',
    EVENTSTORE_URL: '',
    REDIS_URL: '',
  });
  const app = await NestFactory.createApplicationContext(StandaloneModule, { logger: false });
  const readModels = app.get<ReadModelDb>(READ_MODEL_DB);
  try {
    const t0 = Date.now();
    for (const statement of generators(readModels.dialect, orders, units)) await sql.raw(statement).execute(readModels.db);
    // A live PostgreSQL database has been autovacuumed: statistics, and a visibility map that lets the covering and
    // partial indexes answer alone (index-only scans). Freshly bulk-loaded rows have neither, and every index entry
    // would send the query to its heap row; `vacuum analyze` brings the bench's tables to where autovacuum keeps them
    // (its own schema's only: the database is shared with other test schemas).
    if (readModels.dialect === 'postgres') {
      const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(readModels.db);
      await sql.raw(`vacuum analyze ${tables.rows.map((t) => t.name).join(', ')}`).execute(readModels.db);
    }
    const loadSeconds = (Date.now() - t0) / 1000;
    const factRows = Number((await readModels.db.selectFrom(HOTLINE_FACTS_TABLE).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);

    const rankings = app.get(RankingService);
    const clearance = app.get(ClearanceService);
    // February is published, as it would be in April; the March ranking reads its previous ranks from it.
    await app.get(RankingPublisher).publish('hotline', '2026-02');
    await app.get(CampaignsService).create(
      { type: 'CreateCampaign', id: 'BENCH', name: '基准测试专项行动', kinds: ['hotline'], baselineAt: '2026-02-01T00:00:00+08:00', targetAt: '2026-06-30T23:59:59+08:00', unitIds: null },
      { actor: SYSTEM_ACTOR, now: new Date('2026-04-05T09:00:00+08:00'), commandId: 'bench-campaign', correlationId: 'bench', causationId: null },
    );
    // Warm the caches once, as a server that has been up does, then the median of five calls: the bench machine is
    // shared, and a single call swings by tens of milliseconds.
    const timed = async (f: () => Promise<unknown>) => {
      await f();
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s = process.hrtime.bigint();
        await f();
        runs.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      return runs.sort((x, y) => x - y)[2];
    };
    const rankingMs = await timed(async () => {
      const r = await rankings.ranking('hotline', '2026-03', false);
      if (r.rows.length !== units) throw new Error(`ranked ${r.rows.length} units, expected ${units}`);
    });
    const clearanceMs = await timed(async () => {
      const r = await clearance.clearance('BENCH', '2026-03-31T23:59:59+08:00');
      if (r.units.length !== units) throw new Error(`clearance for ${r.units.length} units, expected ${units}`);
    });
    // The knownAt path (fact rows, case by case) over the same rows; the campaign is recorded at the clock's start.
    const knownAt = '2026-04-05T09:00:00+08:00';
    const rankingKnownAtMs = await timed(async () => {
      const r = await rankings.ranking('hotline', '2026-03', false, knownAt);
      if (r.rows.length !== units) throw new Error(`ranked ${r.rows.length} units as known at ${knownAt}, expected ${units}`);
    });
    const clearanceKnownAtMs = await timed(async () => {
      const r = await clearance.clearance('BENCH', '2026-03-31T23:59:59+08:00', undefined, knownAt);
      if (r.units.length !== units) throw new Error(`clearance for ${r.units.length} units as known at ${knownAt}, expected ${units}`);
    });
    return { store: readModels.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite', orders, units, factRows, loadSeconds, rankingMs, clearanceMs, rankingKnownAtMs, clearanceKnownAtMs };
  } finally {
    if (readModels.dialect === 'postgres' && !process.env.QF_BENCH_KEEP) await sql.raw(`drop schema if exists ${process.env.READMODEL_SCHEMA} cascade`).execute(readModels.db).catch(() => undefined);
    await app.close();
  }
}
