import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { WorkOrdersService } from '../work-orders.service';
import { orderNoOf } from '../order-no';
import { ReplyOrderDto } from './reply-order.dto';

/** 办结反馈 (SPEC §3.1). */
@ApiTags('hotline 12345工单')
@ApiBearerAuth()
@Controller('api/hotline/orders')
export class ReplyOrderController {
  constructor(private readonly orders: WorkOrdersService) {}

  @Post(':orderNo/reply')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '办结反馈 — the unit\'s answer' })
  async reply(@Param('orderNo') orderNo: string, @Body() body: ReplyOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.orders.context(req, actor), { ...body, type: 'ReplyOrder' })).detail;
  }
}
