import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { MessageBusModule } from '@qf/integration';
import { WorkOrdersController } from './work-orders.http';
import { CreateOrderController } from './create-order/create-order.http';
import { SignOrderController } from './sign-order/sign-order.http';
import { ReturnOrderController } from './return-order/return-order.http';
import { RedispatchOrderController } from './redispatch-order/redispatch-order.http';
import { RequestExtensionController } from './request-extension/request-extension.http';
import { DecideExtensionController } from './decide-extension/decide-extension.http';
import { ReplyOrderController } from './reply-order/reply-order.http';
import { VisitOrderController } from './visit-order/visit-order.http';
import { ReopenOrderController } from './reopen-order/reopen-order.http';
import { ReferOrderController } from './refer-order/refer-order.http';
import { WorkOrdersService } from './work-orders.service';
import { InboundController } from './inbound/inbound.http';
import { HotlineOrdersConsumer } from './inbound/hotline-orders.consumer';
import { InboundSubscriptionService } from './inbound/inbound-subscription.service';

/** 12345 工单 — the hotline context (SPEC §3.1). */
@Module({
  imports: [DirectoryModule, MessageBusModule],
  // Each command's route lives in its slice; the queries in work-orders.http.ts.
  controllers: [
    CreateOrderController,
    SignOrderController,
    ReturnOrderController,
    RedispatchOrderController,
    RequestExtensionController,
    DecideExtensionController,
    ReplyOrderController,
    VisitOrderController,
    ReopenOrderController,
    ReferOrderController,
    WorkOrdersController,
    InboundController,
  ],
  providers: [WorkOrdersService, HotlineOrdersConsumer, InboundSubscriptionService],
  exports: [WorkOrdersService],
})
export class HotlineModule {}
