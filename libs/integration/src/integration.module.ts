import { Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, CLOCK, Clock, Metrics, ProjectionsService, READ_MODEL_DB } from '@qf/platform';
import type { ReadModelDb } from '@qf/projections';
import type { MessageBus } from './bus.port';
import { InProcessBus } from './in-process-bus';
import { KafkaBus } from './kafka-bus';
import { OutboxController } from './outbox.http';
import { messagesOf, outboxProjection } from './outbox';
import { OutboxRelay } from './outbox-relay';

/** The bus integration messages travel on: Kafka with `KAFKA_BROKERS`, else the in-process bus (the outbox). */
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');

/**
 * The outbox and, with Kafka, its relay. Registered by the service that publishes for the deployment (the
 * standalone server, or `apps/relay` in the production topology).
 */
@Injectable()
export class OutboxService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('outbox');
  private relay?: OutboxRelay;

  constructor(
    private readonly projections: ProjectionsService,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const outbox = outboxProjection(this.readModels.dialect);
    // Count the messages this process puts in the outbox, by topic.
    this.projections.register({
      ...outbox,
      apply: async (trx, events) => {
        await outbox.apply(trx, events);
        for (const e of events) for (const m of messagesOf(e)) this.metrics.outboundMessages.inc({ topic: m.topic });
      },
    });
    if (this.bus.name !== 'in-process' && this.config.background) {
      this.relay = new OutboxRelay(this.readModels.db, this.bus, { info: (m) => this.logger.log(m), error: (m) => this.logger.error(m) });
      this.relay.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.bus.close();
  }
}

const busProvider = {
  provide: MESSAGE_BUS,
  inject: [APP_CONFIG, READ_MODEL_DB, CLOCK],
  useFactory: async (config: AppConfig, readModels: ReadModelDb, clock: Clock): Promise<MessageBus> => {
    if (config.kafkaBrokers?.length) return new KafkaBus(config.kafkaBrokers);
    const bus = new InProcessBus(readModels.db, readModels.dialect, () => clock.now());
    await bus.migrate();
    return bus;
  },
};

/** The bus alone, for services that consume integration messages without publishing the outbox. */
@Module({ providers: [busProvider], exports: [MESSAGE_BUS] })
export class MessageBusModule {}

/** 集成 — the outbox of SPEC §9, `GET /api/outbox`, and with Kafka the relay that publishes it. */
@Module({
  imports: [MessageBusModule],
  controllers: [OutboxController],
  providers: [OutboxService],
  exports: [MessageBusModule],
})
export class OutboxModule {}
