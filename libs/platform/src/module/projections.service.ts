import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import { Projection, ProjectionRunner, ReadModelDb } from '@qf/projections';
import { APP_CONFIG, EVENT_STORE, READ_MODEL_DB } from '../tokens';
import type { AppConfig } from '../config/config';
import { Metrics } from '../observability/metrics';

/**
 * Collects the projections of every context (each registers its own in onModuleInit) and runs them once the
 * application has booted. Commands call `settle` for the read models their caller reads back (a case's list, the
 * deadlines); reads of the other read models (reports, inbox, outbox, audit) call `fresh` first (see ReadsFrom).
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly projections: Projection[] = [];
  private runner?: ProjectionRunner;
  private readonly logger = new Logger('projections');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: Metrics,
  ) {
    metrics.reportProjections(() => this.status().then((all) => all.map((p) => ({ name: p.name, lag: p.lag }))));
  }

  register(projection: Projection): void {
    if (this.projections.some((p) => p.name === projection.name)) throw new Error(`projection ${projection.name} registered twice`);
    this.projections.push(projection);
  }

  all(): Projection[] {
    return [...this.projections];
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.background) return;
    this.runner = new ProjectionRunner(this.store, this.readModels, this.projections, {
      logger: { info: (m: string) => this.logger.log(m), error: (m: string) => this.logger.error(m) },
    });
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }

  /** Waits (bounded) until every projection — or each of `names` — has processed `position`. */
  async settle(position: bigint | null, names?: readonly string[]): Promise<void> {
    if (position === null || !this.runner) return;
    await this.runner.waitFor(position, this.config.projectionWaitMs, names);
  }

  /**
   * Waits (bounded) until the named projections have processed every event appended before this call: a read that
   * follows a write — anyone's — sees it, though the write itself did not wait for these projections.
   */
  async fresh(names: readonly string[]): Promise<void> {
    const unknown = names.filter((name) => !this.projections.some((p) => p.name === name));
    if (unknown.length) throw new Error(`no projection named ${unknown.join(', ')} is registered`);
    if (!this.runner || names.length === 0) return;
    await this.settle(await this.store.headPosition(), names);
  }

  async status() {
    return this.runner ? this.runner.status() : [];
  }
}
