import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEventStore } from './event-store.bench';
import { benchRebuild } from './rebuild.bench';
import { benchHttp } from './http.bench';

/** `npm run bench`: one run on the embedded store; prints the figures and writes docs/benchmarks.md. */
async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'qf-bench-'));
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  try {
    console.log('event store: appends through the port vs raw better-sqlite3 (WAL, synchronous=FULL) …');
    const es = await benchEventStore({ dir: join(dir, 'es') });
    console.log('projection rebuild …');
    const rb = await benchRebuild({ dataDir: dir });
    console.log('HTTP …');
    const web = await benchHttp({ dataDir: join(dir, 'http') });

    const rows: Array<[string, string, string]> = [
      ['port: single-event appends, concurrent callers', `${fmt(es.singleConcurrentPerSec)} events/s`, ''],
      ['raw better-sqlite3: one insert per transaction', `${fmt(es.rawSinglePerSec)} events/s`, ''],
      ['ratio port/raw (single)', `${(es.ratioSingle * 100).toFixed(0)} %`, es.ratioSingle >= 0.6 ? 'meets ≥ 60 %' : 'BELOW 60 %'],
      ['port: batches of 100 events', `${fmt(es.batchPerSec)} events/s`, ''],
      ['raw better-sqlite3: 100 inserts per transaction', `${fmt(es.rawBatchPerSec)} events/s`, ''],
      ['ratio port/raw (batch)', `${(es.ratioBatch * 100).toFixed(0)} %`, es.ratioBatch >= 0.6 ? 'meets ≥ 60 %' : 'BELOW 60 %'],
      [`projection rebuild (${fmt(rb.events)} events, hotline-orders)`, `${fmt(rb.perSec)} events/s`, rb.perSec >= 20000 ? 'meets ≥ 20,000/s' : 'BELOW 20,000/s'],
      ['HTTP bare endpoint (GET /health/live)', `${fmt(web.bare.perSec)} req/s`, ''],
      ['HTTP create + sign (2 commands per order)', `${fmt(web.createSign.perSec)} req/s (${fmt(web.createSign.ordersPerSec)} orders/s)`, ''],
    ];
    const table = ['| measure | result | budget |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
    console.log(`\n${table}\n`);
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`;
    writeFileSync(
      join(__dirname, '..', 'docs', 'benchmarks.md'),
      `# Benchmarks\n\nWritten by \`npm run bench\` (one run on the embedded SQLite store) on ${new Date().toISOString().slice(0, 10)}, ${machine}.\n\n${table}\n\n` +
        `Notes: ${es.notes}\n\nThe HTTP figures include JWT verification, validation, the append, and waiting for the read model ` +
        `(read-your-writes); 16 concurrent keep-alive clients on loopback, driven from the same Node process as the server, ` +
        `so client and server share one event loop: compare the two HTTP rows with each other, not with other servers.\n`,
    );
    console.log('written to docs/benchmarks.md');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
