import type { Kysely } from 'kysely';
import type { MessageBus } from './bus.port';
import { readOutbox } from './outbox';

const IDLE_MS = 500;
const RETRY_MS = 5000;

/**
 * Moves the outbox to the bus (Kafka, when `KAFKA_BROKERS` is set), in outbox order, batch by batch. Each batch is
 * published together with its last outbox position (`MessageBus.publish`), and the relay starts from what the bus
 * says was published — so a crash at any point neither loses nor repeats a message.
 */
export class OutboxRelay {
  private stopped = false;
  private loop?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private wake?: () => void;

  constructor(
    private readonly db: Kysely<any>,
    private readonly bus: MessageBus,
    private readonly log: { info(m: string): void; error(m: string): void },
    private readonly batchSize = 500,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }

  private async run(): Promise<void> {
    let upTo: bigint | null = null;
    while (!this.stopped) {
      try {
        if (upTo === null) {
          upTo = (await this.bus.published()) ?? 0n;
          this.log.info(`outbox relay to ${this.bus.name} resumes after position ${upTo}`);
        }
        const batch = await readOutbox(this.db, { after: Number(upTo), limit: this.batchSize });
        if (batch.length === 0) {
          await this.pause(IDLE_MS);
          continue;
        }
        const last = BigInt(batch[batch.length - 1].position);
        await this.bus.publish(batch.map(({ topic, key, value, headers }) => ({ topic, key, value, headers })), last);
        upTo = last;
      } catch (error) {
        this.log.error(`outbox relay to ${this.bus.name} failed (retrying in ${RETRY_MS} ms): ${error instanceof Error ? error.message : String(error)}`);
        upTo = null; // reload what the bus has: another relay may have moved on meanwhile
        await this.pause(RETRY_MS);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
  }
}
