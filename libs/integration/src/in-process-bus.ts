import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { OutboundMessage } from '@qf/contracts';
import { formatShanghai } from '@qf/kernel';
import { ReadModelCheckpointStore, migrateExclusively } from '@qf/projections';
import type { BusSubscription, DeliveredMessage, MessageBus } from './bus.port';
import { insertOutbox, migrateOutbox, readOutbox } from './outbox';

const POLL_MS = 250;
const RETRY_MS = 1000;

/**
 * The in-process bus of the embedded default: the outbox table is its log (durable, in publishing order), and each
 * subscriber group keeps its position in the checkpoint table. What the hotline centre pulls from `GET /api/outbox`
 * is the same log. A local signal wakes subscribers at once; polling covers writers in other processes.
 */
export class InProcessBus implements MessageBus {
  readonly name = 'in-process';
  private readonly signal = new EventEmitter();
  private readonly checkpoints: ReadModelCheckpointStore;
  private readonly subscriptions = new Set<BusSubscription>();

  constructor(
    private readonly db: Kysely<any>,
    private readonly dialect: 'sqlite' | 'postgres',
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.checkpoints = new ReadModelCheckpointStore(db);
    this.signal.setMaxListeners(0);
  }

  async migrate(): Promise<void> {
    await migrateExclusively({ db: this.db, dialect: this.dialect }, async (db) => {
      await migrateOutbox(db, this.dialect);
      await this.checkpoints.migrate(db);
    });
  }

  async publish(messages: OutboundMessage[], upTo: bigint): Promise<void> {
    // Shanghai time with its offset, as every other time the API shows (the outbox rows' recordedAt).
    const publishedAt = formatShanghai(this.clock());
    await this.db.transaction().execute(async (trx) => {
      await insertOutbox(trx, messages.map((m) => ({ ...m, publishedAt })));
      await new ReadModelCheckpointStore(trx).save('bus:published', upTo);
    });
    this.signal.emit('published');
  }

  published(): Promise<bigint | null> {
    return this.checkpoints.load('bus:published');
  }

  async subscribe(topic: string, group: string, handler: (message: DeliveredMessage) => Promise<void>): Promise<BusSubscription> {
    const offsetName = `bus:${group}:${topic}`;
    let stopped = false;
    let wake: (() => void) | null = null;
    const onPublished = () => wake?.();
    this.signal.on('published', onPublished);
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    const loop = (async () => {
      while (!stopped) {
        let batch: Awaited<ReturnType<typeof readOutbox>>;
        try {
          const after = Number((await this.checkpoints.load(offsetName)) ?? 0n);
          batch = await readOutbox(this.db, { topic, after, limit: 100 });
        } catch {
          await pause(RETRY_MS);
          continue;
        }
        if (batch.length === 0) {
          await pause(POLL_MS);
          continue;
        }
        for (const m of batch) {
          if (stopped) return;
          try {
            await handler({ topic: m.topic, key: m.key, value: m.value, headers: m.headers });
          } catch {
            // Redelivered from the same position after a pause: nothing is skipped.
            await pause(RETRY_MS);
            break;
          }
          await this.checkpoints.save(offsetName, BigInt(m.position));
        }
      }
    })();
    const subscription: BusSubscription = {
      stop: async () => {
        stopped = true;
        wake?.();
        this.signal.off('published', onPublished);
        await loop;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }
}
