import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AsOfQuery, CurrentActor, ReadsFrom } from '@qf/platform';
import { WorkOrdersService } from './work-orders.service';
import { ListOrdersQuery } from './list-orders.query';
import { orderNoOf } from './order-no';

/** 12345 工单 — the queries of SPEC §3.1 (each command's route sits in its slice). */
@ApiTags('hotline 12345工单')
@ApiBearerAuth()
@Controller('api/hotline/orders')
export class WorkOrdersController {
  constructor(private readonly orders: WorkOrdersService) {}

  @ReadsFrom('hotline-orders')
  @Get()
  @ApiOperation({ summary: '工单列表 — orders the caller may read (unit subtree, status, overdue, received time, paging)' })
  list(@Query() query: ListOrdersQuery, @CurrentActor() actor: Actor) {
    return this.orders.list(query, actor);
  }

  @Get(':orderNo')
  @ApiOperation({ summary: '工单详情 — with deadlines and version; ?asOf=&knownAt= folds it at a past moment' })
  detail(@Param('orderNo') orderNo: string, @Query() at: AsOfQuery, @CurrentActor() actor: Actor) {
    return this.orders.detail(orderNoOf(orderNo), actor, at);
  }
}
