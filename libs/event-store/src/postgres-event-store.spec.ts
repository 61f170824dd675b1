import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { eventStoreContract } from './event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import type { StoredEvent } from './event-store.port';

/**
 * The PostgreSQL event store: the same contract as every adapter, and what matters for a store several processes
 * share — appends from several processes at once while a subscriber follows the global order, and never skips an
 * event that commits at a lower position after it has moved past it. Runs on EVENTSTORE_URL when it is a postgres://
 * URL, else on READMODEL_URL's server (so in CI); each run in schemas of its own.
 */
const url = process.env.EVENTSTORE_URL?.startsWith('postgres') ? process.env.EVENTSTORE_URL : process.env.READMODEL_URL;
const run = `qf_es_${process.pid}_${Date.now()}`;
const schemas: string[] = [];
const fresh = () => {
  const schema = `${run}_${schemas.length}`;
  schemas.push(schema);
  return schema;
};
const meta = { occurredAt: '2026-03-16T09:00:00.000+08:00', recordedAt: '2026-03-16T09:00:00.000+08:00', actor: { sub: 't', unitId: null, roles: [] }, correlationId: 'c', causationId: null };
const event = (type = 'E') => ({ id: randomUUID(), type, data: {}, metadata: meta });

if (!url) {
  describe.skip('EventStore contract: PostgreSQL (set READMODEL_URL or EVENTSTORE_URL=postgres://… to run)', () => {
    it('runs against a real server', () => undefined);
  });
} else {
  afterAll(async () => {
    for (const schema of schemas) await PostgresEventStore.dropSchema(url, schema);
  });

  eventStoreContract('PostgreSQL', () => PostgresEventStore.open(url, { schema: fresh() }));

  /** Follows the global order from the start, collecting what it is given. */
  function follow(store: PostgresEventStore) {
    const seen: StoredEvent[] = [];
    const subscription = store.subscribeToAll({ after: null, maxBatchSize: 50, handler: async (events) => void seen.push(...events) });
    return { seen, subscription };
  }
  const until = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  describe('PostgreSQL event store shared by several writers', () => {
    it('a subscriber sees every event of four concurrent writer processes once, in increasing positions', async () => {
      const schema = fresh();
      const store = await PostgresEventStore.open(url, { schema });
      const { seen, subscription } = follow(store);
      const acked = new Set<string>();
      const writers = Array.from({ length: 4 }, (_, w) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'postgres-writer.child.ts'), url, schema, String(w), '150'], {
            cwd: join(__dirname, '..', '..', '..'),
            env: { ...process.env, QF_HOLD_MS: '3' },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          let err = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (err += d.toString()));
          child.on('exit', (code) => {
            for (const line of out.split('\n')) if (line.startsWith('ack ')) acked.add(line.slice(4));
            if (code === 0) resolve();
            else reject(new Error(`writer ${w} failed: ${err}`));
          });
        }),
      );
      await Promise.all(writers);
      expect(acked.size).toBeGreaterThanOrEqual(600);
      const head = await store.headPosition();
      await until(() => seen.length > 0 && seen[seen.length - 1].position === head);
      await subscription.stop();
      // Every acknowledged event, exactly once, in strictly increasing positions — nothing skipped.
      expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
      for (const id of acked) expect(seen.some((e) => e.id === id)).toBe(true);
      for (let i = 1; i < seen.length; i++) expect(seen[i].position).toBeGreaterThan(seen[i - 1].position);
      await store.close();
    }, 120_000);

    /**
     * The gap, staged: a slow append numbers its event first and commits last while a quick one commits in between.
     * With the append lock the quick one waits its turn and the subscriber sees both; without it (the unsafe design)
     * the subscriber moves past the quick one and never sees the slow one — so this test would catch a regression.
     */
    it.each([
      ['with the append lock', false, true],
      ['without it (unsafe, for contrast)', true, false],
    ])('a slow commit at a lower position: %s', async (_label, unsafeNoAppendLock, seesSlow) => {
      const schema = fresh();
      const slow = await PostgresEventStore.open(url, { schema, testHoldMs: 600, unsafeNoAppendLock });
      const quick = await PostgresEventStore.open(url, { schema, unsafeNoAppendLock });
      const reader = await PostgresEventStore.open(url, { schema });
      const { seen, subscription } = follow(reader);
      const slowEvent = event('Slow');
      const quickEvent = event('Quick');
      const slowAppend = slow.append('slow-stream', [slowEvent], 'no_stream');
      await new Promise((r) => setTimeout(r, 200)); // the slow append has numbered its event and holds its transaction
      const quickAppend = quick.append('quick-stream', [quickEvent], 'no_stream');
      const [slowResult, quickResult] = await Promise.all([slowAppend, quickAppend]);
      await until(() => seen.some((e) => e.id === quickEvent.id));
      await new Promise((r) => setTimeout(r, 300));
      await subscription.stop();
      const all = await reader.readAll({ after: null, limit: 10 });
      expect(all.map((e) => e.id).sort()).toEqual([slowEvent.id, quickEvent.id].sort());
      expect(seen.some((e) => e.id === slowEvent.id)).toBe(seesSlow);
      if (seesSlow) expect(quickResult.position).toBeGreaterThan(slowResult.position);
      else expect(quickResult.position).toBeGreaterThan(slowResult.position); // numbered in the other order of commit
      await Promise.all([slow.close(), quick.close(), reader.close()]);
    }, 30_000);
  });
}
