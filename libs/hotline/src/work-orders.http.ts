import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, AsOfQuery, CommandRequest, CurrentActor, DomainError, ReferDto, Roles, commandContextOf } from '@qf/platform';
import { WorkOrdersService } from './work-orders.service';
import { ListOrdersQuery } from './list-orders.query';
import { CreateOrderDto } from './create-order/create-order.dto';
import { ORDER_NO_PATTERN } from './create-order/create-order';
import { decideSignOrder } from './sign-order/sign-order';
import { ReturnOrderDto } from './return-order/return-order.dto';
import { decideReturnOrder } from './return-order/return-order';
import { RedispatchOrderDto } from './redispatch-order/redispatch-order.dto';
import { decideRedispatchOrder } from './redispatch-order/redispatch-order';
import { RequestExtensionDto } from './request-extension/request-extension.dto';
import { decideRequestExtension } from './request-extension/request-extension';
import { DecideExtensionDto } from './decide-extension/decide-extension.dto';
import { decideExtensionDecision } from './decide-extension/decide-extension';
import { ReplyOrderDto } from './reply-order/reply-order.dto';
import { decideReplyOrder } from './reply-order/reply-order';
import { VisitOrderDto } from './visit-order/visit-order.dto';
import { decideVisitOrder } from './visit-order/visit-order';
import { ReopenOrderDto } from './reopen-order/reopen-order.dto';
import { decideReopenOrder } from './reopen-order/reopen-order';

/** A path's order number that cannot exist is simply not found. */
function orderNoOf(value: string): string {
  if (!ORDER_NO_PATTERN.test(value)) throw new DomainError('NOT_FOUND', 'work order not found');
  return value;
}

/** 12345 工单 — SPEC §3.1. Thin: validation by the DTOs, rules in the decide functions. */
@ApiTags('hotline 12345工单')
@ApiBearerAuth()
@Controller('api/hotline/orders')
export class WorkOrdersController {
  constructor(private readonly orders: WorkOrdersService) {}

  private ctx(req: CommandRequest, actor: Actor) {
    return commandContextOf(req, actor, this.orders.now());
  }

  @Post()
  @Roles('hotline_operator')
  @ApiOperation({ summary: '派单 — create and dispatch a work order (same orderNo + same body → 200 existing; other body → 409)' })
  async create(@Body() body: CreateOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.orders.create(body, this.ctx(req, actor));
    res.status(result.created ? 201 : 200);
    return result.detail;
  }

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

  @Post(':orderNo/sign')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '签收 — the assigned unit signs for the order' })
  async sign(@Param('orderNo') orderNo: string, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.ctx(req, actor), (s, c) => decideSignOrder(s, c))).detail;
  }

  @Post(':orderNo/return')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '退单 — return an order that is not this unit\'s (before reply, within 2 working days of dispatch)' })
  async return(@Param('orderNo') orderNo: string, @Body() body: ReturnOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.ctx(req, actor), (s, c) => decideReturnOrder(body, s, c))).detail;
  }

  @Post(':orderNo/dispatch')
  @HttpCode(200)
  @Roles('hotline_operator')
  @ApiOperation({ summary: '改派 — redispatch a returned order to another unit' })
  async redispatch(@Param('orderNo') orderNo: string, @Body() body: RedispatchOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    this.orders.assertDispatchTarget(body.unitId);
    return (await this.orders.run(orderNoOf(orderNo), this.ctx(req, actor), (s, c) => decideRedispatchOrder(body, s, c))).detail;
  }

  @Post(':orderNo/extension')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '延期申请 — ask for 1–10 more working days (10 in total per order)' })
  async requestExtension(@Param('orderNo') orderNo: string, @Body() body: RequestExtensionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.ctx(req, actor), (s, c) => decideRequestExtension(body, s, c))).detail;
  }

  @Post(':orderNo/extension/decision')
  @HttpCode(200)
  @Roles('hotline_operator')
  @ApiOperation({ summary: '延期审核 — approve or refuse the pending extension request' })
  async decideExtension(@Param('orderNo') orderNo: string, @Body() body: DecideExtensionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.ctx(req, actor), (s, c) => decideExtensionDecision(body, s, c))).detail;
  }

  @Post(':orderNo/reply')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '办结反馈 — the unit\'s answer' })
  async reply(@Param('orderNo') orderNo: string, @Body() body: ReplyOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.ctx(req, actor), (s, c) => decideReplyOrder(body, s, c))).detail;
  }

  @Post(':orderNo/visit')
  @HttpCode(200)
  @Roles('hotline_operator')
  @ApiOperation({ summary: '回访 — satisfied / basically satisfied closes the order' })
  async visit(@Param('orderNo') orderNo: string, @Body() body: VisitOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.ctx(req, actor), (s, c) => decideVisitOrder(body, s, c))).detail;
  }

  @Post(':orderNo/refer')
  @HttpCode(200)
  @Roles('hotline_operator', 'supervisor')
  @ApiOperation({ summary: '移送纪检监察 — register a problem clue (source hotline) pointing back at this order' })
  refer(@Param('orderNo') orderNo: string, @Body() body: ReferDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return this.orders.refer(orderNoOf(orderNo), body, this.ctx(req, actor));
  }

  @Post(':orderNo/reopen')
  @HttpCode(200)
  @Roles('hotline_operator')
  @ApiOperation({ summary: '重办 — after an unsatisfied visit, the same unit handles it again with new time limits' })
  async reopen(@Param('orderNo') orderNo: string, @Body() body: ReopenOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.run(orderNoOf(orderNo), this.ctx(req, actor), (s, c) => decideReopenOrder(body, s, c))).detail;
  }
}
