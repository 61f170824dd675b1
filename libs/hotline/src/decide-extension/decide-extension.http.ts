import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { WorkOrdersService } from '../work-orders.service';
import { orderNoOf } from '../order-no';
import { DecideExtensionDto } from './decide-extension.dto';

/** 延期审核 (SPEC §3.1). */
@ApiTags('hotline 12345工单')
@ApiBearerAuth()
@Controller('api/hotline/orders')
export class DecideExtensionController {
  constructor(private readonly orders: WorkOrdersService) {}

  @Post(':orderNo/extension/decision')
  @HttpCode(200)
  @Roles('hotline_operator')
  @ApiOperation({ summary: '延期审核 — approve or refuse the pending extension request' })
  async decideExtension(@Param('orderNo') orderNo: string, @Body() body: DecideExtensionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.orders.context(req, actor), { ...body, type: 'DecideExtension' })).detail;
  }
}
