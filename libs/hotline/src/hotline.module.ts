import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { MessageBusModule } from '@qf/integration';
import { WorkOrdersController } from './work-orders.http';
import { WorkOrdersService } from './work-orders.service';
import { InboundController } from './inbound/inbound.http';
import { HotlineOrdersConsumer } from './inbound/hotline-orders.consumer';
import { InboundSubscriptionService } from './inbound/inbound-subscription.service';

/** 12345 工单 — the hotline context (SPEC §3.1). */
@Module({
  imports: [DirectoryModule, MessageBusModule],
  controllers: [WorkOrdersController, InboundController],
  providers: [WorkOrdersService, HotlineOrdersConsumer, InboundSubscriptionService],
  exports: [WorkOrdersService],
})
export class HotlineModule {}
