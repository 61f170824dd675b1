import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig, CLOCK, Clock, ZONE } from '@qf/platform';
import { RankingService } from './ranking.service';

const QUEUE = 'rankings';

/**
 * Publishes each month's ranking at 02:00 Asia/Shanghai on the 1st (SPEC §7). In production (REDIS_URL, system clock)
 * a BullMQ job scheduler fires it; by default — and always with the manual clock, which BullMQ's cron cannot follow —
 * the clock drives it: on start, whenever the manual clock moves, and every minute. Either way a month missed while
 * the service was down is published on the next run, and publishing twice appends nothing (the stream must not exist).
 */
@Injectable()
export class RankingPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ranking-publisher');
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private running: Promise<void> | null = null;
  private again = false;
  private queue?: Queue;
  private worker?: Worker;
  private connections: IORedis[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly rankings: RankingService,
  ) {}

  get mode(): 'bullmq' | 'embedded' {
    return this.config.redisUrl && this.config.clock.mode !== 'manual' ? 'bullmq' : 'embedded';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.mode === 'bullmq') {
      const connection = () => {
        const c = new IORedis(this.config.redisUrl!, { maxRetriesPerRequest: null });
        this.connections.push(c);
        return c;
      };
      this.queue = new Queue(QUEUE, { connection: connection(), prefix: this.config.queuePrefix });
      await this.queue.upsertJobScheduler('monthly-ranking-publication', { pattern: '0 2 1 * *', tz: ZONE }, { name: 'publish', opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } } });
      this.worker = new Worker(QUEUE, () => this.publishDue(), { connection: connection(), prefix: this.config.queuePrefix });
    } else {
      this.timer = setInterval(() => this.poke(), 60_000);
      this.timer.unref();
      this.unsubscribe = this.clock.onAdvance(() => this.poke());
    }
    this.poke();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.idle();
    await this.worker?.close();
    await this.queue?.close();
    await Promise.all(this.connections.map((c) => c.quit().catch(() => undefined)));
  }

  poke(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.publishDue()
      .catch((e) => this.logger.error(`publishing rankings failed: ${String(e)}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Publishes every month whose time has come and that is not published yet. */
  async publishDue(): Promise<void> {
    for (const month of await this.rankings.monthsDue('hotline', this.clock.now())) {
      if (await this.rankings.publish('hotline', month)) this.logger.log(`published the hotline ranking of ${month}`);
    }
  }
}
