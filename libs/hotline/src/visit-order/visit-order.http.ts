import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { WorkOrdersService } from '../work-orders.service';
import { orderNoOf } from '../order-no';
import { VisitOrderDto } from './visit-order.dto';

/** 回访 (SPEC §3.1). */
@ApiTags('hotline 12345工单')
@ApiBearerAuth()
@Controller('api/hotline/orders')
export class VisitOrderController {
  constructor(private readonly orders: WorkOrdersService) {}

  @Post(':orderNo/visit')
  @HttpCode(200)
  @Roles('hotline_operator')
  @ApiOperation({ summary: '回访 — satisfied / basically satisfied closes the order' })
  async visit(@Param('orderNo') orderNo: string, @Body() body: VisitOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.orders.context(req, actor), { ...body, type: 'VisitOrder' })).detail;
  }
}
