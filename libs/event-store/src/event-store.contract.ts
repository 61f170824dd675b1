import { randomUUID } from 'node:crypto';
import {
  EventStore,
  NewEvent,
  RecordedEvent,
  StoredEvent,
  WrongExpectedRevisionError,
} from './event-store.port';

/**
 * The behaviour every EventStore adapter must have. The SQLite adapter runs it always, the EventStoreDB adapter
 * whenever EVENTSTORE_URL is set. Streams get random names, so it can run against a shared real server.
 */
export function eventStoreContract(name: string, factory: () => Promise<EventStore>, cleanup?: (store: EventStore) => Promise<void>) {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;

    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      if (cleanup) await cleanup(store);
      else await store.close();
    });

    const stream = (prefix = 'contract') => `${prefix}-${randomUUID()}`;
    /** A stream's events as the global log has them (with positions), read from the start. */
    const ofStream = async (s: string): Promise<StoredEvent[]> => {
      const out: StoredEvent[] = [];
      for (let after: bigint | null = null; ; ) {
        const batch = await store.readAll({ after, limit: 1000 });
        if (batch.length === 0) return out;
        out.push(...batch.filter((e) => e.streamId === s));
        after = batch[batch.length - 1].position;
      }
    };
    const event = (type: string, data: unknown = {}, at = '2026-03-16T09:00:00.000+08:00', recordedAt = at): NewEvent => ({
      id: randomUUID(),
      type,
      data,
      metadata: { occurredAt: at, recordedAt, actor: { sub: 'tester', unitId: 'U-1', roles: ['admin'] }, correlationId: 'c-1', causationId: null },
    });

    it('appends and reads back data, metadata, revisions and increasing positions', async () => {
      const s = stream();
      const e1 = event('Opened', { n: 1, text: '东城街道' });
      const e2 = event('Closed', { n: 2, nested: { ok: true } });
      const result = await store.append(s, [e1, e2], 'no_stream');
      expect(result.nextExpectedRevision).toBe(1);
      const read = await store.readStream(s);
      expect(read.map((e) => [e.id, e.type, e.revision, e.streamId])).toEqual([
        [e1.id, 'Opened', 0, s],
        [e2.id, 'Closed', 1, s],
      ]);
      expect(read[0].data).toEqual({ n: 1, text: '东城街道' });
      expect(read[1].metadata).toEqual(e2.metadata);
      // Positions come from the global log, never from a stream read.
      const logged = await ofStream(s);
      expect(logged.map((e) => e.id)).toEqual([e1.id, e2.id]);
      expect(logged[1].position).toBeGreaterThan(logged[0].position);
      expect(result.position).toBe(logged[1].position);
    });

    it('returns [] for a stream that does not exist', async () => {
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('enforces expected revisions: no_stream, exact, stale, any', async () => {
      const s = stream();
      await store.append(s, [event('A')], 'no_stream');
      await expect(store.append(s, [event('B')], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(s, [event('B')], 1)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.append(s, [event('B')], 0)).nextExpectedRevision).toBe(1);
      await expect(store.append(s, [event('C')], 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.append(s, [event('C')], 'any')).nextExpectedRevision).toBe(2);
      expect((await store.append(stream(), [event('X')], 'any')).nextExpectedRevision).toBe(0);
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('a retried append with the same event ids stores nothing twice and answers as the first time', async () => {
      const s = stream();
      const events = [event('A'), event('B')];
      const first = await store.append(s, events, 'no_stream');
      const again = await store.append(s, events, 'no_stream');
      expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
      expect((await store.readStream(s)).map((e) => e.id)).toEqual(events.map((e) => e.id));
    });

    it('reads a stream up to a revision, an occurred time or a recorded time', async () => {
      const s = stream();
      await store.append(
        s,
        [
          event('A', {}, '2026-03-16T09:00:00.000+08:00', '2026-03-20T09:00:00.000+08:00'),
          event('B', {}, '2026-03-17T09:00:00.000+08:00', '2026-03-17T09:00:00.000+08:00'),
          event('C', {}, '2026-03-18T09:00:00.000+08:00', '2026-03-18T09:00:00.000+08:00'),
        ],
        'no_stream',
      );
      const types = (events: RecordedEvent[]) => events.map((e) => e.type);
      expect(types(await store.readStream(s, { toRevision: 1 }))).toEqual(['A', 'B']);
      expect(types(await store.readStream(s, { occurredUntil: new Date('2026-03-17T09:00:00+08:00') }))).toEqual(['A', 'B']);
      // A was backdated: it occurred first but was only recorded on the 20th.
      expect(types(await store.readStream(s, { recordedUntil: new Date('2026-03-18T12:00:00+08:00') }))).toEqual(['B', 'C']);
    });

    it('reads all streams in global order from a position, with a limit, and knows its head', async () => {
      const a = stream();
      const b = stream();
      const first = await store.append(a, [event('A1')], 'no_stream');
      await store.append(b, [event('B1')], 'no_stream');
      await store.append(a, [event('A2')], 0);
      const after = await store.readAll({ after: first.position, limit: 10 });
      const mine = after.filter((e) => e.streamId === a || e.streamId === b);
      expect(mine.map((e) => e.type)).toEqual(['B1', 'A2']);
      for (let i = 1; i < after.length; i++) expect(after[i].position).toBeGreaterThan(after[i - 1].position);
      expect((await store.readAll({ after: first.position, limit: 1 })).length).toBe(1);
      expect(await store.headPosition()).toBe(after[after.length - 1].position);
    });

    it('lets exactly one of two concurrent appends at the same revision win', async () => {
      const s = stream();
      await store.append(s, [event('A')], 'no_stream');
      const results = await Promise.allSettled([store.append(s, [event('B1')], 0), store.append(s, [event('B2')], 0)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('accepts many concurrent appends to different streams', async () => {
      const streams = Array.from({ length: 50 }, () => stream());
      const results = await Promise.all(streams.map((s) => store.append(s, [event('A'), event('B')], 'no_stream')));
      expect(results.every((r) => r.nextExpectedRevision === 1)).toBe(true);
      expect(new Set(results.map((r) => r.position)).size).toBe(50);
    });

    it('a catch-up subscription delivers past then live events in global order, exactly once, until stopped', async () => {
      const s = stream('sub');
      const start = await store.headPosition();
      await store.append(s, [event('Old1'), event('Old2')], 'no_stream');
      const seen: StoredEvent[] = [];
      let resolveSeen: () => void = () => undefined;
      const enough = new Promise<void>((r) => (resolveSeen = r));
      const subscription = store.subscribeToAll({
        after: start,
        handler: async (events) => {
          seen.push(...events.filter((e) => e.streamId === s));
          if (seen.length >= 4) resolveSeen();
        },
      });
      await store.append(s, [event('Live1')], 1);
      await store.append(s, [event('Live2')], 2);
      await Promise.race([enough, new Promise((_, reject) => setTimeout(() => reject(new Error('subscription too slow')), 10_000))]);
      await subscription.stop();
      expect(seen.map((e) => e.type)).toEqual(['Old1', 'Old2', 'Live1', 'Live2']);
      await store.append(s, [event('AfterStop')], 3);
      await new Promise((r) => setTimeout(r, 400));
      expect(seen).toHaveLength(4);
    });

    it('a subscription restarted from a saved position delivers only newer events', async () => {
      const s = stream('resume');
      await store.append(s, [event('A'), event('B')], 'no_stream');
      const saved = (await ofStream(s))[1].position;
      await store.append(s, [event('C')], 1);
      const seen: string[] = [];
      let done: () => void = () => undefined;
      const got = new Promise<void>((r) => (done = r));
      const subscription = store.subscribeToAll({
        after: saved,
        handler: async (events) => {
          for (const e of events) if (e.streamId === s) seen.push(e.type);
          if (seen.includes('C')) done();
        },
      });
      await Promise.race([got, new Promise((_, reject) => setTimeout(() => reject(new Error('subscription too slow')), 10_000))]);
      await subscription.stop();
      expect(seen).toEqual(['C']);
    });

    it('gives every event of one multi-event append its own position, and resumes inside such an append', async () => {
      const s = stream('multi');
      const events = [event('M1'), event('M2'), event('M3')];
      await store.append(s, events, 'no_stream');
      const logged = await ofStream(s);
      expect(logged.map((e) => e.type)).toEqual(['M1', 'M2', 'M3']);
      expect(new Set(logged.map((e) => e.position)).size).toBe(3);
      // readAll after the first of them gives the rest, in order.
      const rest = (await store.readAll({ after: logged[0].position, limit: 10 })).filter((e) => e.streamId === s);
      expect(rest.map((e) => e.type)).toEqual(['M2', 'M3']);
      // A subscription checkpointed inside the append delivers only what follows the checkpoint.
      const seen: string[] = [];
      let done: () => void = () => undefined;
      const got = new Promise<void>((r) => (done = r));
      const subscription = store.subscribeToAll({
        after: logged[1].position,
        handler: async (batch) => {
          for (const e of batch) if (e.streamId === s) seen.push(e.type);
          if (seen.length >= 1) done();
        },
      });
      await Promise.race([got, new Promise((_, reject) => setTimeout(() => reject(new Error('subscription too slow')), 10_000))]);
      await new Promise((r) => setTimeout(r, 200));
      await subscription.stop();
      expect(seen).toEqual(['M3']);
    });
  });
}
