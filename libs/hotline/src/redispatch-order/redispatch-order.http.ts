import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { WorkOrdersService } from '../work-orders.service';
import { orderNoOf } from '../order-no';
import { RedispatchOrderDto } from './redispatch-order.dto';

/** 改派 (SPEC §3.1). */
@ApiTags('hotline 12345工单')
@ApiBearerAuth()
@Controller('api/hotline/orders')
export class RedispatchOrderController {
  constructor(private readonly orders: WorkOrdersService) {}

  @Post(':orderNo/dispatch')
  @HttpCode(200)
  @Roles('hotline_operator')
  @ApiOperation({ summary: '改派 — redispatch a returned order to another unit' })
  async redispatch(@Param('orderNo') orderNo: string, @Body() body: RedispatchOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    this.orders.assertDispatchTarget(body.unitId);
    return (await this.orders.run(orderNoOf(orderNo), this.orders.context(req, actor), { ...body, type: 'RedispatchOrder' })).detail;
  }
}
