import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { SupervisionOrdersService } from '../supervision-orders.service';
import { IssueSupervisionOrderDto } from './issue-supervision-order.dto';

/** 下发督办单 (SPEC §4). */
@ApiTags('supervision orders 督办单')
@ApiBearerAuth()
@Controller('api/supervision-orders')
export class IssueSupervisionOrderController {
  constructor(private readonly orders: SupervisionOrdersService) {}

  @Post()
  @Roles('supervisor')
  @ApiOperation({ operationId: 'SupervisionOrdersController_issue', summary: '下发督办单 — about a work order or petition handled in your subtree; the id (DB + date + sequence) is assigned' })
  async issue(@Body() body: IssueSupervisionOrderDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.orders.issue(body, this.orders.context(req, actor));
    res.status(result.created ? 201 : 200);
    return result.detail;
  }
}
