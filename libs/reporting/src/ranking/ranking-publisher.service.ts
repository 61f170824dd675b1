import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { APP_CONFIG, AppConfig, CLOCK, Clock, SweepLoop, ZONE, openBullmqConnection } from '@qf/platform';
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
  private readonly loop = new SweepLoop(() => this.publishDue(), (e) => this.logger.error(`publishing rankings failed: ${String(e)}`));
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
        const c = openBullmqConnection(this.config.redisUrl!);
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
    await this.loop.stop();
    await this.worker?.close();
    await this.queue?.close();
    await Promise.all(this.connections.map((c) => c.quit().catch(() => undefined)));
  }

  poke(): void {
    this.loop.poke();
  }

  /** Resolves when no publication run is going on or scheduled. */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** Publishes every month whose time has come and that is not published yet. */
  async publishDue(): Promise<void> {
    for (const month of await this.rankings.monthsDue('hotline', this.clock.now())) {
      if (await this.rankings.publish('hotline', month)) this.logger.log(`published the hotline ranking of ${month}`);
    }
  }
}
