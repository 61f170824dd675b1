import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { WorkOrdersService } from '../work-orders.service';
import { orderNoOf } from '../order-no';
import { ReopenOrderDto } from './reopen-order.dto';

/** 重办 (SPEC §3.1). */
@ApiTags('hotline 12345工单')
@ApiBearerAuth()
@Controller('api/hotline/orders')
export class ReopenOrderController {
  constructor(private readonly orders: WorkOrdersService) {}

  @Post(':orderNo/reopen')
  @HttpCode(200)
  @Roles('hotline_operator')
  @ApiOperation({ summary: '重办 — after an unsatisfied visit, the same unit handles it again with new time limits' })
  async reopen(@Param('orderNo') orderNo: string, @Body() body: ReopenOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.orders.context(req, actor), { ...body, type: 'ReopenOrder' })).detail;
  }
}
