/**
 * Child process of the SIGKILL test: appends through the real SqliteEventStore, several appends in flight at a time,
 * and prints each acknowledgement the moment its promise resolves.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from './sqlite-event-store';

const store = SqliteEventStore.open(process.argv[2]);
const meta = { occurredAt: '2026-03-16T09:00:00.000+08:00', recordedAt: '2026-03-16T09:00:00.000+08:00', actor: { sub: 'kill', unitId: null, roles: [] }, correlationId: 'k', causationId: null };

async function writer(w: number) {
  for (let revision = 0; ; revision++) {
    const id = randomUUID();
    await store.append(`kill-${w}`, [{ id, type: 'Tick', data: { w, revision }, metadata: meta }], revision === 0 ? 'no_stream' : revision - 1);
    process.stdout.write(`ack ${w} ${revision} ${id}\n`);
  }
}

for (let w = 0; w < 8; w++) void writer(w);
