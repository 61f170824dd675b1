import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Client } from 'pg';
import { EventStore, NewEvent, PostgresEventStore, SqliteEventStore } from '@qf/event-store';

/** One workload on one database: our port's rate, the peer's, and ours/peer (> 1: ours is faster). */
export interface PeerRow {
  store: 'sqlite' | 'postgresql';
  workload: 'appends, batches of 100' | 'appends, single events from concurrent callers' | 'read the whole log';
  peer: string;
  oursPerSec: number;
  peerPerSec: number;
  ratio: number;
  /** Something the figures alone do not say (a peer that read back a different number of events than were written). */
  note?: string;
}

export interface PeersBenchResult {
  rows: PeerRow[];
  notes: string;
}

/** Reads our store's whole log in pages of 1,000, as a projection rebuild does; answers how many events it read. */
async function readWholeLog(store: EventStore): Promise<number> {
  let after: bigint | null = null;
  let n = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    if (page.length === 0) return n;
    n += page.length;
    after = page[page.length - 1].position;
  }
}

/**
 * The peers are benchmark-only: each has its own package.json under bench/peers/<name> (its node_modules ignored by
 * git), installed here the first time a run needs it and loaded from that folder, never from the product's.
 */
function loadPeer(folder: string, pkg: string): any {
  const dir = join(__dirname, 'peers', folder);
  if (!existsSync(join(dir, 'node_modules', ...pkg.split('/')))) {
    execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
  }
  return createRequire(join(dir, 'package.json'))(pkg);
}

const meta = { occurredAt: '2026-03-16T09:00:00.000+08:00', recordedAt: '2026-03-16T09:00:00.000+08:00', actor: { sub: 'bench', unitId: 'U-RX', roles: ['hotline_operator'] }, correlationId: 'bench', causationId: null };
const data = (i: number) => ({ orderNo: `B-${i}`, unitId: 'U-JD-01' });
const ours = (i: number): NewEvent => ({ id: randomUUID(), type: 'OrderSigned', data: data(i), metadata: meta });
// emmett gives every message its own id; ours carry theirs in (idempotency), so both sides pay for a UUID.
const theirs = (i: number) => ({ type: 'OrderSigned', data: data(i), metadata: { ...meta, eventId: randomUUID() } });
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

interface Side {
  appendBatch(stream: string, i: number): Promise<unknown>;
  /** One caller's appends, one event each, to its own stream, each checked against the stream's version. */
  appendSingles?(stream: string, count: number): Promise<unknown>;
  readAll(): Promise<number>;
}

/**
 * Same workload on both sides, taking turns in rounds so drifting disk or server load hits both alike: `events` in
 * batches of 100 (each a new stream, "must not exist"), optionally single events from `callers` concurrent callers,
 * then the whole log read back in pages of 1,000.
 */
async function compare(store: PeerRow['store'], peer: string, a: Side, b: Side, events: number, callers: number): Promise<PeerRow[]> {
  const rounds = 10;
  const perRound = Math.max(1, Math.round(events / 100 / rounds));
  const time = { ours: 0, peer: 0 };
  for (let r = 0; r < rounds; r++) {
    for (const [side, key] of [[a, 'ours'], [b, 'peer']] as const) {
      const t = process.hrtime.bigint();
      for (let n = r * perRound; n < (r + 1) * perRound; n++) await side.appendBatch(`batch-${n}`, n);
      time[key] += seconds(t);
    }
  }
  const batched = rounds * perRound * 100;
  const rows: PeerRow[] = [{ store, workload: 'appends, batches of 100', peer, oursPerSec: batched / time.ours, peerPerSec: batched / time.peer, ratio: time.peer / time.ours }];
  if (a.appendSingles && b.appendSingles) {
    const perCaller = Math.max(1, Math.round(events / 10 / callers));
    const single = { ours: 0, peer: 0 };
    for (const [side, key] of [[a, 'ours'], [b, 'peer']] as const) {
      const t = process.hrtime.bigint();
      await Promise.all(Array.from({ length: callers }, (_, c) => side.appendSingles!(`single-${c}`, perCaller)));
      single[key] = seconds(t);
    }
    const n = perCaller * callers;
    rows.push({ store, workload: 'appends, single events from concurrent callers', peer, oursPerSec: n / single.ours, peerPerSec: n / single.peer, ratio: single.peer / single.ours });
  }
  const read = { ours: 0, peer: 0 };
  const counted = { ours: 0, peer: 0 };
  for (let r = 0; r < 2; r++) {
    for (const [side, key] of [[a, 'ours'], [b, 'peer']] as const) {
      const t = process.hrtime.bigint();
      counted[key] = await side.readAll();
      read[key] += seconds(t);
    }
  }
  // Ours must read back exactly what was written; a peer that reads more or fewer is reported, each side timed on its own count.
  const written = batched + (a.appendSingles && b.appendSingles ? Math.max(1, Math.round(events / 10 / callers)) * callers : 0);
  if (counted.ours !== written) throw new Error(`${store}: read ${counted.ours} events from ours, ${written} were written`);
  const peerNote = counted.peer === written ? undefined : `${peer} read back ${counted.peer.toLocaleString('en-US')} events of the ${written.toLocaleString('en-US')} written`;
  rows.push({ store, workload: 'read the whole log', peer, oursPerSec: (2 * counted.ours) / read.ours, peerPerSec: (2 * counted.peer) / read.peer, ratio: (read.peer / counted.peer) / (read.ours / counted.ours), note: peerNote });
  return rows;
}

async function sqliteRows(dir: string, events: number): Promise<PeerRow[]> {
  const emmett = loadPeer('sqlite', '@event-driven-io/emmett-sqlite');
  const { STREAM_DOES_NOT_EXIST } = loadPeer('sqlite', '@event-driven-io/emmett');
  const store = SqliteEventStore.open(join(dir, 'ours.sqlite'));
  // The low-level functions on one kept connection: getSQLiteEventStore opens and closes a connection per call.
  const connection = emmett.sqliteConnection({ fileName: join(dir, 'emmett.sqlite') });
  await connection.command('PRAGMA synchronous = FULL');
  await emmett.createEventStoreSchema(connection);
  try {
    const oursSide: Side = {
      appendBatch: (stream, i) => store.append(stream, Array.from({ length: 100 }, (_, k) => ours(i * 100 + k)), 'no_stream'),
      readAll: () => readWholeLog(store),
    };
    const peerSide: Side = {
      appendBatch: async (stream, i) => {
        const result = await emmett.appendToStream(connection, stream, 'batch', Array.from({ length: 100 }, (_, k) => theirs(i * 100 + k)), { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
        if (!result.success) throw new Error(`emmett-sqlite refused an append to ${stream}`);
      },
      readAll: async () => {
        let after = 0n;
        let n = 0;
        for (;;) {
          const page = await emmett.readMessagesBatch(connection, { after, batchSize: 1000 });
          if (page.messages.length === 0) return n;
          n += page.messages.length;
          after = page.messages[page.messages.length - 1].metadata.globalPosition;
        }
      },
    };
    return await compare('sqlite', '@event-driven-io/emmett-sqlite', oursSide, peerSide, events, 0);
  } finally {
    await store.close();
    connection.close();
  }
}

async function postgresRows(url: string, events: number, callers: number): Promise<PeerRow[]> {
  const emmett = loadPeer('postgresql', '@event-driven-io/emmett-postgresql');
  const { STREAM_DOES_NOT_EXIST } = loadPeer('postgresql', '@event-driven-io/emmett');
  const { dumbo } = loadPeer('postgresql', '@event-driven-io/dumbo');
  const suffix = randomUUID().slice(0, 8);
  const oursSchema = `bench_peers_ours_${suffix}`;
  const peerSchema = `bench_peers_emmett_${suffix}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${peerSchema}`);
  // emmett writes to the search path's first schema: its own, so the server's other users are not touched.
  const peerUrl = new URL(url);
  peerUrl.searchParams.set('options', `-c search_path=${peerSchema}`);
  const store = await PostgresEventStore.open(url, { schema: oursSchema });
  const peer = emmett.getPostgreSQLEventStore(peerUrl.toString());
  const reader = dumbo({ connectionString: peerUrl.toString() });
  try {
    await peer.schema.migrate();
    const oursSide: Side = {
      appendBatch: (stream, i) => store.append(stream, Array.from({ length: 100 }, (_, k) => ours(i * 100 + k)), 'no_stream'),
      appendSingles: async (stream, count) => {
        for (let r = 0; r < count; r++) await store.append(stream, [ours(r)], r === 0 ? 'no_stream' : r - 1);
      },
      readAll: () => readWholeLog(store),
    };
    const peerSide: Side = {
      appendBatch: (stream, i) => peer.appendToStream(stream, Array.from({ length: 100 }, (_, k) => theirs(i * 100 + k)), { expectedStreamVersion: STREAM_DOES_NOT_EXIST }),
      appendSingles: async (stream, count) => {
        let expected: unknown = STREAM_DOES_NOT_EXIST;
        for (let r = 0; r < count; r++) expected = (await peer.appendToStream(stream, [theirs(r)], { expectedStreamVersion: expected })).nextExpectedStreamVersion;
      },
      readAll: async () => {
        let after = 0n;
        let n = 0;
        for (;;) {
          const page = await emmett.readMessagesBatch(reader.execute, { after, batchSize: 1000 });
          if (page.messages.length === 0) return n;
          n += page.messages.length;
          after = page.messages[page.messages.length - 1].metadata.globalPosition;
        }
      },
    };
    return await compare('postgresql', '@event-driven-io/emmett-postgresql', oursSide, peerSide, events, callers);
  } finally {
    await store.close();
    await peer.close();
    await reader.close();
    await PostgresEventStore.dropSchema(url, oursSchema);
    await admin.query(`DROP SCHEMA ${peerSchema} CASCADE`);
    await admin.end();
  }
}

/**
 * Our event store against emmett's on the same workload and database: SQLite always, PostgreSQL when
 * `readModelUrl` (a PostgreSQL URL) is given — both stores then live in throwaway schemas of that server.
 */
export async function benchPeers(opts: { dir: string; events?: number; callers?: number; readModelUrl?: string }): Promise<PeersBenchResult> {
  const events = opts.events ?? 20_000;
  const callers = opts.callers ?? 32;
  mkdirSync(opts.dir, { recursive: true });
  const rows = await sqliteRows(opts.dir, events);
  if (opts.readModelUrl) rows.push(...(await postgresRows(opts.readModelUrl, events, callers)));
  return {
    rows,
    notes:
      'Peers: @event-driven-io/emmett-sqlite 0.38.5 (the newest whose emmett core the registry serves) and ' +
      '@event-driven-io/emmett-postgresql 0.42.0, installed on demand under bench/peers/. SQLite: both WAL with ' +
      'synchronous=FULL (set on emmett\'s connection explicitly); emmett is driven through its own appendToStream and ' +
      'readMessagesBatch on one kept connection, because its getSQLiteEventStore opens a new connection per call. ' +
      'emmett-sqlite has no single-append row: one connection cannot take concurrent appends (its transaction ' +
      'nesting counter is per connection) and it has no group commit. PostgreSQL: both on the same server with its ' +
      'default synchronous_commit; emmett through getPostgreSQLEventStore, reads through its readMessagesBatch. ' +
      'Each side checks the expected stream version on every append. Events are equal in size; emmett adds its ' +
      'stream name, position and message id to the stored metadata.',
  };
}
