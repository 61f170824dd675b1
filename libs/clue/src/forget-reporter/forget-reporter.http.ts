import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { CluesService } from '../clues.service';
import { clueIdOf } from '../clue-id';

/** 删除检举人身份 (SPEC §3.3, §8): the service destroys the reporter's key before the event is recorded. */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Controller('api/clues')
export class ForgetReporterController {
  constructor(private readonly clues: CluesService) {}

  @Post(':id/forget-reporter')
  @HttpCode(200)
  @Roles('case_manager')
  @ApiOperation({ summary: '删除检举人身份 — destroys the reporter\'s key (crypto-shredding); reads show "[erased]" from then on' })
  async forgetReporter(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.forgetReporter(clueIdOf(id), this.clues.context(req, actor))).detail;
  }
}
