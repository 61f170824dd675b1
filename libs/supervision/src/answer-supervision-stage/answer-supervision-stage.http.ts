import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { SupervisionOrdersService } from '../supervision-orders.service';
import { supervisionOrderIdOf } from '../supervision-order-id';
import { AnswerSupervisionStageDto } from './answer-supervision-stage.dto';

/** 督办反馈 (SPEC §4). */
@ApiTags('supervision orders 督办单')
@ApiBearerAuth()
@Controller('api/supervision-orders')
export class AnswerSupervisionStageController {
  constructor(private readonly orders: SupervisionOrdersService) {}

  @Post(':id/answer')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ operationId: 'SupervisionOrdersController_answer', summary: '督办反馈 — the handling unit answers one stage (meets that stage’s deadline)' })
  async answer(@Param('id') id: string, @Body() body: AnswerSupervisionStageDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.orders.answer(supervisionOrderIdOf(id), this.orders.context(req, actor), { ...body, type: 'AnswerSupervisionStage' })).detail;
  }
}
