import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAnswer, CurrentActor, ReadsFrom, pageOf } from '@qf/platform';
import { EscalationInboxService } from './inbox.service';
import { DeadlinesService } from './deadlines.service';
import { SupervisionOrdersService } from './supervision-orders.service';
import { supervisionOrderIdOf } from './supervision-order-id';
import { ListDeadlinesQuery } from './list-deadlines.query';
import { ListEscalationsQuery } from './list-escalations.query';

/** 督办 — the queries: inboxes and the open-deadlines list (SPEC §4). Acknowledging is its slice's route. */
@ApiTags('escalation 超期督办')
@ApiBearerAuth()
@ReadsFrom('deadlines', 'escalations')
@Controller('api')
export class EscalationsController {
  constructor(
    private readonly escalations: EscalationInboxService,
    private readonly openDeadlines: DeadlinesService,
  ) {}

  @Get('escalations')
  @ApiAnswer(pageOf('Escalation'), 200, 'one page of the escalation inbox')
  @ApiOperation({ summary: '督办收件箱 — escalations aimed at your unit and one of your roles (warnings: the handling unit’s handlers)' })
  inbox(@Query() query: ListEscalationsQuery, @CurrentActor() actor: Actor) {
    return this.escalations.inbox(actor, query);
  }

  @Get('deadlines')
  @ApiOperation({ summary: '时限清单 — open deadlines (warned: past 80 %; overdue: past due), as far as your role may read the cases' })
  deadlines(@Query() query: ListDeadlinesQuery, @CurrentActor() actor: Actor) {
    return this.openDeadlines.list(actor, query);
  }
}

/** 督办单 — the detail of a supervision order (SPEC §4). Issuing and answering are their slices' routes. */
@ApiTags('supervision orders 督办单')
@ApiBearerAuth()
@Controller('api/supervision-orders')
export class SupervisionOrdersController {
  constructor(private readonly orders: SupervisionOrdersService) {}

  @Get(':id')
  @ApiOperation({ summary: '督办单详情 — with its deadlines and escalations' })
  detail(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.orders.detail(supervisionOrderIdOf(id), actor);
  }
}
