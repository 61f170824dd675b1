/**
 * Child process of the concurrent-writers test: appends through its own PostgresEventStore to the shared store —
 * single and multi-event appends to its own streams, several in flight at once — and reports each acknowledged id.
 */
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from './postgres-event-store';

const [url, schema, writer, count] = process.argv.slice(2);
const meta = { occurredAt: '2026-03-16T09:00:00.000+08:00', recordedAt: '2026-03-16T09:00:00.000+08:00', actor: { sub: `w${writer}`, unitId: null, roles: [] }, correlationId: 'c', causationId: null };

async function main() {
  const store = await PostgresEventStore.open(url, { schema, poolSize: 4, testHoldMs: Number(process.env.QF_HOLD_MS ?? 0) || undefined });
  const lanes = 4;
  const perLane = Math.ceil(Number(count) / lanes);
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const streamId = `writer-${writer}-${lane}-${randomUUID()}`;
      for (let revision = 0, n = 0; n < perLane; ) {
        const size = n % 5 === 4 ? 3 : 1;
        const events = Array.from({ length: size }, () => ({ id: randomUUID(), type: 'Written', data: { writer, lane }, metadata: meta }));
        await store.append(streamId, events, revision === 0 ? 'no_stream' : revision - 1);
        revision += size;
        n += size;
        for (const e of events) process.stdout.write(`ack ${e.id}\n`);
      }
    }),
  );
  await store.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(String(error));
    process.exit(1);
  },
);
