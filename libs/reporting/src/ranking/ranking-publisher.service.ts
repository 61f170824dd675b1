import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { DateTime } from 'luxon';
import type { EventStore } from '@qf/event-store';
import { APP_CONFIG, AppConfig, CLOCK, Clock, CommandContext, CommandRunner, EVENT_STORE, ProjectionsService, SYSTEM_ACTOR, SweepLoop, ZONE, openBullmqConnection } from '@qf/platform';
import { publicationTime, RankingService } from './ranking.service';
import { HotlineRankingQuery } from './hotline-ranking.query';
import type { RankingKind } from './ranking';
import { publishedStream, rankingPublicationAggregate } from '../ranking-publication';
import { decide } from '../ranking-publication.decide';

const QUEUE = 'rankings';

/**
 * Publishes each month's ranking at 02:00 Asia/Shanghai on the 1st (SPEC §7). In production (REDIS_URL, system clock)
 * a BullMQ job scheduler fires it; by default — and always with the manual clock, which BullMQ's cron cannot follow —
 * the clock drives it: on start, whenever the manual clock moves, and every minute. Either way a month missed while
 * the service was down is published on the next run. Each publication is the PublishRanking command, run through the
 * command runner as the system under a command id of its kind and month: publishing twice — by this process or by
 * another one racing it — appends nothing (the decide sees the month published; the loser of a race finds the
 * winner's event, whose id is the same).
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
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rankings: RankingService,
    private readonly hotline: HotlineRankingQuery,
    private readonly commands: CommandRunner,
    private readonly projections: ProjectionsService,
  ) {}

  get mode(): 'bullmq' | 'embedded' {
    return this.config.redisUrl && this.config.clock.mode !== 'manual' ? 'bullmq' : 'embedded';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.background) return; // a maintenance command (QF_BACKGROUND=off) publishes nothing
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
    for (const month of await this.monthsDue('hotline', this.clock.now())) {
      if (await this.publish('hotline', month)) this.logger.log(`published the hotline ranking of ${month}`);
    }
  }

  /**
   * Freezes `month`'s ranking of `kind` as computed now, once: PublishRanking through the command runner, as the
   * system, with a command id derived from the kind and month. Returns false when it was already published — by this
   * process earlier, or by another one.
   */
  async publish(kind: RankingKind, month: string): Promise<boolean> {
    await this.projections.settle(await this.store.headPosition());
    const now = this.clock.now();
    const report = await this.rankings.live(kind, month, now);
    const streamId = publishedStream(kind, month);
    const ctx: CommandContext = { actor: SYSTEM_ACTOR, now, commandId: `publish-ranking:${kind}:${month}`, correlationId: `publish:${streamId}`, causationId: null };
    const result = await this.commands.run(streamId, rankingPublicationAggregate, ctx, (state) =>
      decide({ type: 'PublishRanking', kind, month, report }, state, { actor: ctx.actor, now: ctx.now }),
      [],
    );
    return result.appended.length > 0;
  }

  /** Every month whose publication time has come and that is not published yet (from the first month with facts). */
  async monthsDue(kind: RankingKind, now: Date): Promise<string[]> {
    if (kind !== 'hotline') return [];
    const first = await this.hotline.firstMonth();
    if (!first) return [];
    const due: string[] = [];
    for (let m = first; publicationTime(m).getTime() <= now.getTime(); m = DateTime.fromISO(`${m}-01`, { zone: ZONE }).plus({ months: 1 }).toFormat('yyyy-MM')) {
      if ((await this.store.readStream(publishedStream(kind, m), { toRevision: 0 })).length === 0) due.push(m);
    }
    return due;
  }
}
