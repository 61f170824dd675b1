import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { eventStoreContract } from './event-store.contract';
import { SqliteCheckpointStore, SqliteEventStore } from './sqlite-event-store';
import { DuplicateEventIdError } from './event-store.port';

const dirs: string[] = [];
const freshFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'qf-es-'));
  dirs.push(dir);
  return join(dir, 'events.sqlite');
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

eventStoreContract('SQLite', async () => SqliteEventStore.open(freshFile()));

const meta = { occurredAt: '2026-03-16T09:00:00.000+08:00', recordedAt: '2026-03-16T09:00:00.000+08:00', actor: { sub: 't', unitId: null, roles: [] }, correlationId: 'c', causationId: null };

describe('SQLite event store', () => {
  it('group-commits concurrent appends while keeping each stream consistent', async () => {
    const store = SqliteEventStore.open(freshFile());
    const appends = Array.from({ length: 200 }, (_, i) => store.append(`g-${i % 20}`, [{ id: randomUUID(), type: 'E', data: { i }, metadata: meta }], 'any'));
    const results = await Promise.all(appends);
    expect(new Set(results.map((r) => r.position)).size).toBe(200);
    for (let s = 0; s < 20; s++) expect((await store.readStream(`g-${s}`)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await store.close();
  });

  it('refuses an event id reused in another stream (ids are unique store-wide here)', async () => {
    const store = SqliteEventStore.open(freshFile());
    const e = { id: randomUUID(), type: 'A', data: {}, metadata: meta };
    await store.append('one', [e], 'no_stream');
    await expect(store.append('two', [e], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream('two')).toEqual([]);
    await store.close();
  });

  it('keeps checkpoints across reopening', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    await new SqliteCheckpointStore(store).save('consumer', 42n);
    await store.close();
    const reopened = SqliteEventStore.open(file);
    expect(await new SqliteCheckpointStore(reopened).load('consumer')).toBe(42n);
    expect(await new SqliteCheckpointStore(reopened).load('other')).toBeNull();
    await reopened.close();
  });

  it('loses no acknowledged append when the process is killed with SIGKILL', async () => {
    const file = freshFile();
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'sqlite-kill.child.ts'), file], {
      cwd: join(__dirname, '..', '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: Array<{ stream: string; revision: number; id: string }> = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d) => (buffer += `ERR ${d}`));
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = (buffer + chunk.toString()).split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const [tag, w, rev, id] = line.split(' ');
          if (tag === 'ack') acked.push({ stream: `kill-${w}`, revision: Number(rev), id });
        }
        if (acked.length >= 300 && !child.killed) {
          child.kill('SIGKILL');
        }
      });
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited without being killed: ${buffer}`))));
    });
    expect(acked.length).toBeGreaterThanOrEqual(300);

    const store = SqliteEventStore.open(file);
    for (const a of acked) {
      const [stored] = await store.readStream(a.stream, { toRevision: a.revision }).then((events) => events.filter((e) => e.revision === a.revision));
      expect(stored?.id).toBe(a.id);
    }
    // And the store takes further appends after the crash.
    const head = (await store.readStream('kill-0')).length - 1;
    expect((await store.append('kill-0', [{ id: randomUUID(), type: 'After', data: {}, metadata: meta }], head)).nextExpectedRevision).toBe(head + 1);
    await store.close();
  }, 60_000);
});
