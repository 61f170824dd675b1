import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAnswer, CommandRequest, CurrentActor, DomainError } from '@qf/platform';
import { EscalationCommandsService } from '../escalation-commands.service';
import { publicEscalation } from '../escalation-view';
import { AcknowledgeEscalationDto } from './acknowledge-escalation.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 签收督办 (SPEC §4). */
@ApiTags('escalation 超期督办')
@ApiBearerAuth()
@Controller('api/escalations')
export class AcknowledgeEscalationController {
  constructor(private readonly escalations: EscalationCommandsService) {}

  @Post(':id/acknowledge')
  @ApiAnswer('Escalation')
  @HttpCode(200)
  @ApiOperation({ operationId: 'EscalationsController_acknowledge', summary: '签收 — acknowledge an escalation in your inbox' })
  async acknowledge(@Param('id') id: string, @Body() body: AcknowledgeEscalationDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    if (!UUID.test(id)) throw new DomainError('NOT_FOUND', 'escalation not found');
    return publicEscalation(await this.escalations.acknowledge(this.escalations.context(req, actor), { ...body, type: 'AcknowledgeEscalation', escalationId: id }));
  }
}
