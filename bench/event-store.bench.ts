import Database from 'better-sqlite3';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { NewEvent, SqliteEventStore } from '@qf/event-store';

const meta = { occurredAt: '2026-03-16T09:00:00.000+08:00', recordedAt: '2026-03-16T09:00:00.000+08:00', actor: { sub: 'bench', unitId: 'U-RX', roles: ['hotline_operator'] }, correlationId: 'bench', causationId: null };
const newEvent = (i: number): NewEvent => ({ id: randomUUID(), type: 'OrderSigned', data: { orderNo: `B-${i}`, unitId: 'U-JD-01' }, metadata: meta });
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** The events table as the adapter has it, written with plain prepared INSERTs at the same durability. */
function rawDb(path: string) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, occurred_at_ms INTEGER NOT NULL,
    recorded_at_ms INTEGER NOT NULL, UNIQUE (stream_id, revision))`);
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, occurred_at_ms, recorded_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const row = (stream: string, revision: number, e: NewEvent) => insert.run(stream, revision, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), Date.parse(meta.occurredAt), Date.parse(meta.recordedAt));
  return { db, row };
}

/**
 * Appends through the port against raw better-sqlite3 inserts, both WAL + synchronous=FULL (every acknowledged event
 * survives a crash). Single appends come from `callers` concurrent callers, each on its own stream, as commands do.
 */
export async function benchEventStore(opts: { dir: string; events?: number; callers?: number }) {
  const events = opts.events ?? 20_000;
  const callers = opts.callers ?? 32;
  mkdirSync(opts.dir, { recursive: true });

  // (a) port, single-event appends from concurrent callers
  const store = SqliteEventStore.open(join(opts.dir, 'port-single.sqlite'));
  let t = process.hrtime.bigint();
  const perCaller = Math.ceil(events / callers);
  await Promise.all(
    Array.from({ length: callers }, async (_, c) => {
      for (let r = 0; r < perCaller; r++) await store.append(`s-${c}`, [newEvent(r)], r === 0 ? 'no_stream' : r - 1);
    }),
  );
  const singleConcurrentPerSec = (perCaller * callers) / seconds(t);
  await store.close();

  // (b) raw: one event per transaction
  const single = rawDb(join(opts.dir, 'raw-single.sqlite'));
  const singleEvents = Math.min(events, 5_000); // an fsync each: fewer are enough for a stable rate
  t = process.hrtime.bigint();
  for (let i = 0; i < singleEvents; i++) single.row(`r-${i}`, 0, newEvent(i));
  const rawSinglePerSec = singleEvents / seconds(t);
  single.db.close();

  // (c) port against raw, batches of 100 events: in alternating rounds, so both meet the same disk (whose fsync
  // latency drifts while other processes write) and neither gets the quieter half of the run.
  const batchStore = SqliteEventStore.open(join(opts.dir, 'port-batch.sqlite'));
  const batch = rawDb(join(opts.dir, 'raw-batch.sqlite'));
  const writeBatch = batch.db.transaction((b: number) => {
    for (let i = 0; i < 100; i++) batch.row(`rb-${b}`, i, newEvent(i));
  });
  const rounds = 10;
  const batchesPerRound = Math.max(1, Math.round(events / 100 / rounds));
  let portSeconds = 0;
  let rawSeconds = 0;
  for (let r = 0; r < rounds; r++) {
    t = process.hrtime.bigint();
    for (let b = r * batchesPerRound; b < (r + 1) * batchesPerRound; b++) {
      await batchStore.append(`b-${b}`, Array.from({ length: 100 }, (_, i) => newEvent(i)), 'no_stream');
    }
    portSeconds += seconds(t);
    t = process.hrtime.bigint();
    for (let b = r * batchesPerRound; b < (r + 1) * batchesPerRound; b++) writeBatch(b);
    rawSeconds += seconds(t);
  }
  const batchPerSec = (rounds * batchesPerRound * 100) / portSeconds;
  const rawBatchPerSec = (rounds * batchesPerRound * 100) / rawSeconds;
  await batchStore.close();
  batch.db.close();

  return {
    singleConcurrentPerSec,
    batchPerSec,
    rawSinglePerSec,
    rawBatchPerSec,
    ratioSingle: singleConcurrentPerSec / rawSinglePerSec,
    ratioBatch: batchPerSec / rawBatchPerSec,
    notes:
      `${callers} concurrent callers for single appends (each awaits its append, as an HTTP command does); the port ` +
      'group-commits what arrives in one turn of the event loop, so one fsync serves many callers — raw single inserts ' +
      'pay one fsync each. Batches of 100: port and raw take turns in 10 rounds. Both sides use WAL with synchronous=FULL.',
  };
}
