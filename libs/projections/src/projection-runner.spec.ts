import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { NewEvent, SqliteEventStore } from '@qf/event-store';
import { createReadModelDb, ReadModelDb } from './read-model-db';
import { documentProjection } from './projection';
import { ProjectionRunner } from './projection-runner';

/** A tally per account: `applied` counts events folded into the row, so an event applied twice shows. */
interface Tally {
  account: string;
  total: number;
  applied: number;
  open: boolean;
}

function tallyProjection(opts: { version?: number; failOn?: number; name?: string } = {}) {
  return documentProjection<Tally>({
    name: opts.name ?? 'tallies',
    version: opts.version ?? 1,
    table: opts.name ?? 'tallies',
    columns: { total: 'integer', open: 'boolean' },
    indexes: [['total']],
    key: (e) => (e.streamId.startsWith('acct-') ? e.streamId : null),
    evolve: (doc, e) => {
      const data = e.data as { amount?: number };
      if (opts.failOn !== undefined && data.amount === opts.failOn) throw new Error('projection bug');
      if (e.type === 'Closed') return null;
      return { account: e.streamId, total: (doc?.total ?? 0) + (data.amount ?? 0), applied: (doc?.applied ?? 0) + 1, open: true };
    },
    columnsOf: (doc) => ({ total: doc.total, open: doc.open }),
  });
}

const meta = { occurredAt: '2026-03-16T09:00:00.000+08:00', recordedAt: '2026-03-16T09:00:00.000+08:00', actor: { sub: 't', unitId: null, roles: [] }, correlationId: 'c', causationId: null };
const deposit = (amount: number): NewEvent => ({ id: randomUUID(), type: 'Deposited', data: { amount }, metadata: meta });

/** `again` opens a second connection pool to the database `open` opened last (another process, in production). */
type Target = { name: string; open: () => Promise<ReadModelDb>; again: () => Promise<ReadModelDb>; drop: () => Promise<void> };
const targets: Target[] = [];
const sqliteDir = mkdtempSync(join(tmpdir(), 'qf-rm-'));
let sqliteN = 0;
targets.push({
  name: 'SQLite',
  open: () => createReadModelDb({ sqlitePath: join(sqliteDir, `rm-${++sqliteN}.sqlite`) }),
  again: () => createReadModelDb({ sqlitePath: join(sqliteDir, `rm-${sqliteN}.sqlite`) }),
  drop: async () => undefined,
});
if (process.env.READMODEL_URL) {
  const url = process.env.READMODEL_URL;
  let schemas: string[] = [];
  targets.push({
    name: 'PostgreSQL',
    open: () => {
      const schema = `qf_test_${process.pid}_${schemas.length}_${Date.now()}`;
      schemas.push(schema);
      return createReadModelDb({ url, schema });
    },
    again: () => createReadModelDb({ url, schema: schemas[schemas.length - 1] }),
    drop: async () => {
      const pg = new Client({ connectionString: url });
      await pg.connect();
      for (const s of schemas) await pg.query(`drop schema if exists ${s} cascade`);
      await pg.end();
      schemas = [];
    },
  });
}
afterAll(() => rmSync(sqliteDir, { recursive: true, force: true }));

describe.each(targets)('projection runner on $name', (target) => {
  let store: SqliteEventStore;
  let rm: ReadModelDb;
  const dirs: string[] = [];

  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-pr-'));
    dirs.push(dir);
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    rm = await target.open();
  });
  afterEach(async () => {
    await store.close();
    await rm.close();
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  afterAll(() => target.drop());

  const rows = async () =>
    (await rm.db.selectFrom('tallies').selectAll().orderBy('id').execute()).map((r) => ({ id: r.id, total: Number(r.total), open: Number(r.open), doc: JSON.parse(r.doc as string) as Tally }));

  async function fill(accounts: number, deposits: number): Promise<bigint> {
    let last = 0n;
    for (let a = 0; a < accounts; a++) {
      for (let d = 0; d < deposits; d++) last = (await store.append(`acct-${a}`, [deposit(d + 1)], 'any')).position;
    }
    return last;
  }

  it('evolves documents in order, upserts and deletes, and answers waitFor', async () => {
    const runner = new ProjectionRunner(store, rm, [tallyProjection()]);
    await runner.start();
    await fill(3, 4);
    const last = (await store.append('acct-2', [{ id: randomUUID(), type: 'Closed', data: {}, metadata: meta }], 'any')).position;
    expect(await runner.waitFor(last, 5000)).toBe(true);
    const r = await rows();
    expect(r.map((x) => [x.id, x.total, x.open, x.doc.applied])).toEqual([
      ['acct-0', 10, 1, 4],
      ['acct-1', 10, 1, 4],
    ]);
    expect((await runner.status())[0]).toMatchObject({ name: 'tallies', position: last, lag: 0 });
    await runner.stop();
  });

  it('a failing batch commits neither rows nor checkpoint; after the fix every event is applied exactly once', async () => {
    await store.append('acct-0', [deposit(1), deposit(2)], 'no_stream');
    await store.append('acct-1', [deposit(666), deposit(3)], 'no_stream');
    const broken = new ProjectionRunner(store, rm, [tallyProjection({ failOn: 666 })], { batchSize: 100 });
    await broken.start();
    await new Promise((r) => setTimeout(r, 300));
    await broken.stop();
    // The whole batch (both accounts) rolled back with the failure.
    expect(await rows()).toEqual([]);
    const checkpoint = await rm.db.selectFrom('projection_checkpoints').selectAll().where('name', '=', 'tallies').executeTakeFirst();
    expect(checkpoint?.position ?? null).toBeNull();

    const fixed = new ProjectionRunner(store, rm, [tallyProjection()]);
    await fixed.start();
    expect(await fixed.waitFor((await store.headPosition())!, 5000)).toBe(true);
    await fixed.stop();
    expect((await rows()).map((x) => [x.id, x.total, x.doc.applied])).toEqual([
      ['acct-0', 3, 2],
      ['acct-1', 669, 2],
    ]);
  });

  it('one failing projection holds back neither the others nor their readers', async () => {
    await store.append('acct-0', [deposit(1), deposit(666)], 'no_stream');
    const head = (await store.headPosition())!;
    const runner = new ProjectionRunner(store, rm, [tallyProjection({ failOn: 666 }), tallyProjection({ name: 'healthy' })], { batchSize: 100 });
    await runner.start();
    expect(await runner.waitFor(head, 5000, ['healthy'])).toBe(true);
    expect(await runner.waitFor(head, 300)).toBe(false);
    await runner.stop();
    const healthy = await rm.db.selectFrom('healthy').selectAll().execute();
    expect(healthy.map((x) => [x.id, Number(x.total)])).toEqual([['acct-0', 667]]);
    expect(await rows()).toEqual([]);
  });

  it('resumes from its checkpoint after a restart without applying anything twice', async () => {
    await fill(2, 3);
    const first = new ProjectionRunner(store, rm, [tallyProjection()]);
    await first.start();
    expect(await first.waitFor((await store.headPosition())!, 5000)).toBe(true);
    await first.stop();
    const more = await fill(2, 2);
    const second = new ProjectionRunner(store, rm, [tallyProjection()]);
    await second.start();
    expect(await second.waitFor(more, 5000)).toBe(true);
    await second.stop();
    expect((await rows()).map((x) => [x.id, x.total, x.doc.applied])).toEqual([
      ['acct-0', 6 + 3, 5],
      ['acct-1', 6 + 3, 5],
    ]);
  });

  it('two processes running the same projection on one database apply each event once', async () => {
    const other = await target.again();
    const a = new ProjectionRunner(store, rm, [tallyProjection()], { batchSize: 7 });
    const b = new ProjectionRunner(store, other, [tallyProjection()], { batchSize: 5 });
    await Promise.all([a.start(), b.start()]);
    const appends: Promise<unknown>[] = [];
    for (let a = 0; a < 4; a++) appends.push((async () => { for (let d = 0; d < 25; d++) await store.append(`acct-${a}`, [deposit(1)], 'any'); })());
    await Promise.all(appends);
    const head = (await store.headPosition())!;
    expect(await a.waitFor(head, 10_000)).toBe(true);
    expect(await b.waitFor(head, 10_000)).toBe(true);
    await Promise.all([a.stop(), b.stop()]);
    await other.close();
    expect((await rows()).map((x) => [x.id, x.total, x.doc.applied])).toEqual([
      ['acct-0', 25, 25],
      ['acct-1', 25, 25],
      ['acct-2', 25, 25],
      ['acct-3', 25, 25],
    ]);
  });

  it('rebuilds a projection whose version changed, and a rebuild equals incremental processing', async () => {
    await fill(5, 6);
    const runner = new ProjectionRunner(store, rm, [tallyProjection()]);
    await runner.start();
    expect(await runner.waitFor((await store.headPosition())!, 5000)).toBe(true);
    await runner.stop();
    const incremental = await rows();

    // Tamper with the read model: a version bump must throw it away and rebuild it from the events.
    await rm.db.updateTable('tallies').set({ total: -1 }).execute();
    const bumped = new ProjectionRunner(store, rm, [tallyProjection({ version: 2 })]);
    await bumped.start();
    expect(await bumped.waitFor((await store.headPosition())!, 5000)).toBe(true);
    await bumped.stop();
    expect(await rows()).toEqual(incremental);

    const progress: number[] = [];
    const rebuilt = await new ProjectionRunner(store, rm, [tallyProjection({ version: 2 })]).rebuild(undefined, (done) => progress.push(done));
    expect(rebuilt.events).toBe(30);
    expect(progress.length).toBeGreaterThan(0);
    expect(await rows()).toEqual(incremental);
  });
});

