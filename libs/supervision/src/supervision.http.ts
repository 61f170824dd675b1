import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CommandRequest, CurrentActor, DomainError, Roles, commandContextOf } from '@qf/platform';
import { EscalationsService, publicEscalation } from './escalations.service';
import { SupervisionOrdersService } from './supervision-orders.service';
import { AcknowledgeDto, AnswerSupervisionOrderDto, IssueSupervisionOrderDto, ListDeadlinesQuery, ListEscalationsQuery } from './supervision.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ORDER_ID = /^DB\d{8}-\d{4,}$/;

/** 督办 — inboxes, acknowledgement and the open-deadlines list (SPEC §4). */
@ApiTags('escalation 超期督办')
@ApiBearerAuth()
@Controller('api')
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Get('escalations')
  @ApiOperation({ summary: '督办收件箱 — escalations aimed at your unit and one of your roles (warnings: the handling unit’s handlers)' })
  inbox(@Query() query: ListEscalationsQuery, @CurrentActor() actor: Actor) {
    return this.escalations.inbox(actor, query);
  }

  @Post('escalations/:id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: '签收 — acknowledge an escalation in your inbox' })
  async acknowledge(@Param('id') id: string, @Body() body: AcknowledgeDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    if (!UUID.test(id)) throw new DomainError('NOT_FOUND', 'escalation not found in your inbox');
    return publicEscalation(await this.escalations.acknowledge(id, body.comment ?? null, commandContextOf(req, actor, this.escalations.now())));
  }

  @Get('deadlines')
  @ApiOperation({ summary: '时限清单 — open deadlines (warned: past 80 %; overdue: past due), as far as your role may read the cases' })
  deadlines(@Query() query: ListDeadlinesQuery, @CurrentActor() actor: Actor) {
    return this.escalations.deadlines(actor, query);
  }
}

/** 督办单 — supervision orders with the 13710 and standard presets (SPEC §4). */
@ApiTags('supervision orders 督办单')
@ApiBearerAuth()
@Controller('api/supervision-orders')
export class SupervisionOrdersController {
  constructor(private readonly orders: SupervisionOrdersService) {}

  private static idOf(value: string): string {
    if (!ORDER_ID.test(value)) throw new DomainError('NOT_FOUND', 'supervision order not found');
    return value;
  }

  @Post()
  @Roles('supervisor')
  @ApiOperation({ summary: '下发督办单 — about a work order or petition handled in your subtree; the id (DB + date + sequence) is assigned' })
  async issue(@Body() body: IssueSupervisionOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.orders.issue(body, commandContextOf(req, actor, this.orders.now()));
    res.status(result.created ? 201 : 200);
    return result.detail;
  }

  @Get(':id')
  @ApiOperation({ summary: '督办单详情 — with its deadlines and escalations' })
  detail(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.orders.detail(SupervisionOrdersController.idOf(id), actor);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '督办反馈 — the handling unit answers one stage (meets that stage’s deadline)' })
  answer(@Param('id') id: string, @Body() body: AnswerSupervisionOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return this.orders.answer(SupervisionOrdersController.idOf(id), body, commandContextOf(req, actor, this.orders.now()));
  }
}
