import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, ReferDto, Roles } from '@qf/platform';
import { WorkOrdersService } from '../work-orders.service';
import { orderNoOf } from '../order-no';

/** 移送纪检监察 (SPEC §3.1). */
@ApiTags('hotline 12345工单')
@ApiBearerAuth()
@Controller('api/hotline/orders')
export class ReferOrderController {
  constructor(private readonly orders: WorkOrdersService) {}

  @Post(':orderNo/refer')
  @HttpCode(200)
  @Roles('hotline_operator', 'supervisor')
  @ApiOperation({ summary: '移送纪检监察 — register a problem clue (source hotline) pointing back at this order' })
  refer(@Param('orderNo') orderNo: string, @Body() body: ReferDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return this.orders.refer(orderNoOf(orderNo), body, this.orders.context(req, actor));
  }
}
