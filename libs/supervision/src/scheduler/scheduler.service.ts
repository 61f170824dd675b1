import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CLOCK, Clock, Metrics, ReadinessChecks } from '@qf/platform';
import { DeadlinesService } from '../deadlines.service';
import { EscalationCommandsService } from '../escalation-commands.service';
import { BullmqScheduler } from './bullmq-scheduler';
import { EmbeddedScheduler } from './embedded-scheduler';
import { EscalationScheduler, SchedulerDeps } from './scheduler.port';

/** Picks the scheduler of the deployment (SPEC §11): BullMQ when REDIS_URL is set, the in-process one otherwise. */
export function createScheduler(config: Pick<AppConfig, 'redisUrl' | 'queuePrefix' | 'clock'>, deps: SchedulerDeps): EscalationScheduler {
  if (config.redisUrl) return new BullmqScheduler(deps, { redisUrl: config.redisUrl, prefix: config.queuePrefix, manualClock: config.clock.mode === 'manual' });
  return new EmbeddedScheduler(deps);
}

/** Runs the escalation scheduler for the process's lifetime. */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('escalation-scheduler');
  readonly scheduler: EscalationScheduler;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) clock: Clock,
    deadlines: DeadlinesService,
    escalations: EscalationCommandsService,
    metrics: Metrics,
    readiness: ReadinessChecks,
  ) {
    this.background = config.background;
    this.scheduler = createScheduler(config, {
      clock,
      findDue: (until, limit, after) => deadlines.due(until, limit, after),
      fire: (key) => escalations.fire(key),
      settle: () => deadlines.settle(),
      log: { info: (m) => this.logger.log(m), error: (m) => this.logger.error(m) },
      onFailure: (scheduler, final) => metrics.schedulerFailures.inc({ scheduler, final: String(final) }),
    });
    readiness.register('scheduler', () => this.scheduler.ping());
  }

  private readonly background: boolean;

  async onApplicationBootstrap(): Promise<void> {
    if (!this.background) return; // a maintenance command (QF_BACKGROUND=off) fires nothing
    await this.scheduler.start();
    this.logger.log(`escalation scheduler: ${this.scheduler.kind}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }
}
