import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { WorkOrdersService } from '../work-orders.service';
import { orderNoOf } from '../order-no';
import { ReturnOrderDto } from './return-order.dto';

/** 退单 (SPEC §3.1). */
@ApiTags('hotline 12345工单')
@ApiBearerAuth()
@Controller('api/hotline/orders')
export class ReturnOrderController {
  constructor(private readonly orders: WorkOrdersService) {}

  @Post(':orderNo/return')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '退单 — return an order that is not this unit\'s (before reply, within 2 working days of dispatch)' })
  async return(@Param('orderNo') orderNo: string, @Body() body: ReturnOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.orders.context(req, actor), { ...body, type: 'ReturnOrder' })).detail;
  }
}
