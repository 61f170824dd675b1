import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { WorkOrdersService } from '../work-orders.service';
import { orderNoOf } from '../order-no';
import { RequestExtensionDto } from './request-extension.dto';

/** 延期申请 (SPEC §3.1). */
@ApiTags('hotline 12345工单')
@ApiBearerAuth()
@Controller('api/hotline/orders')
export class RequestExtensionController {
  constructor(private readonly orders: WorkOrdersService) {}

  @Post(':orderNo/extension')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '延期申请 — ask for 1–10 more working days (10 in total per order)' })
  async requestExtension(@Param('orderNo') orderNo: string, @Body() body: RequestExtensionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.orders.context(req, actor), { ...body, type: 'RequestExtension' })).detail;
  }
}
