import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createReadModelDb, type ReadModelDb } from '@qf/projections';
import { busContract } from './bus.contract';
import { InProcessBus } from './in-process-bus';
import { KafkaBus } from './kafka-bus';
import type { MessageBus } from './bus.port';

/** Opens buses on one read-model store, closing the store with the last bus. */
function onStore(openDb: () => Promise<ReadModelDb>): () => Promise<MessageBus> {
  return async () => {
    const rm = await openDb();
    const bus = new InProcessBus(rm.db, rm.dialect);
    await bus.migrate();
    const close = bus.close.bind(bus);
    bus.close = async () => {
      await close();
      await rm.close();
    };
    return bus;
  };
}

const dir = mkdtempSync(join(tmpdir(), 'qf-bus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
busContract('in-process bus on SQLite', onStore(() => createReadModelDb({ sqlitePath: join(dir, 'bus.sqlite') })));

const pgUrl = process.env.READMODEL_URL;
const schema = `qf_bus_${process.pid}_${Date.now()}`;
if (pgUrl) {
  busContract('in-process bus on PostgreSQL', onStore(() => createReadModelDb({ url: pgUrl, schema })));
  afterAll(async () => {
    const pg = new Client({ connectionString: pgUrl });
    await pg.connect();
    await pg.query(`drop schema if exists ${schema} cascade`);
    await pg.end();
  });
}

const brokers = process.env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean);
const relay = `qf-contract-relay-${process.pid}-${Date.now()}`;
if (brokers?.length) busContract('Kafka', async () => new KafkaBus(brokers, relay), 30_000);
else describe.skip('message bus contract: Kafka (set KAFKA_BROKERS to run it)', () => it('runs against a broker', () => undefined));
