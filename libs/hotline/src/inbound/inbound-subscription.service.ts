import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TOPICS } from '@qf/contracts';
import { APP_CONFIG, type AppConfig } from '@qf/platform';
import { MESSAGE_BUS, type BusSubscription, type MessageBus } from '@qf/integration';
import { HotlineOrdersConsumer } from './hotline-orders.consumer';

/** The Kafka transport of the consumer: the `qingfeng-hotline` group on `hotline.orders.v1` (with `KAFKA_BROKERS`). */
@Injectable()
export class InboundSubscriptionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: BusSubscription;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly consumer: HotlineOrdersConsumer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // On the embedded default the centre pushes over HTTP; the in-process bus carries only what we publish.
    if (this.bus.name !== 'kafka' || !this.config.background) return;
    this.subscription = await this.bus.subscribe(TOPICS.hotlineOrders, 'qingfeng-hotline', async (m) => {
      await this.consumer.consume(m);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }
}
