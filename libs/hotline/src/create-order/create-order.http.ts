import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, ApiAnswer, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { WorkOrdersService } from '../work-orders.service';
import { CreateOrderDto } from './create-order.dto';

/** 派单 (SPEC §3.1). */
@ApiTags('hotline 12345工单')
@ApiBearerAuth()
@Controller('api/hotline/orders')
export class CreateOrderController {
  constructor(private readonly orders: WorkOrdersService) {}

  @Post()
  @Roles('hotline_operator')
  @ApiOperation({ summary: '派单 — create and dispatch a work order (same orderNo + same body → 200 existing; other body → 409)' })
  @ApiAnswer('CaseDetail', 201, 'the order, created and dispatched now')
  @ApiAnswer('CaseDetail', 200, 'the order created before with this orderNo and the same body (SPEC §3.1); nothing appended')
  async create(@Body() body: CreateOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.orders.create(body, this.orders.context(req, actor));
    res.status(result.created ? 201 : 200);
    return result.detail;
  }
}
