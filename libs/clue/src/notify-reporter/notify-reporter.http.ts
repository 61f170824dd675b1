import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { CluesService } from '../clues.service';
import { clueIdOf } from '../clue-id';
import { NotifyReporterDto } from './notify-reporter.dto';

/** 受理告知 (SPEC §3.3). */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Controller('api/clues')
export class NotifyReporterController {
  constructor(private readonly clues: CluesService) {}

  @Post(':id/reporter-notice')
  @HttpCode(200)
  @Roles('inspector', 'case_manager')
  @ApiOperation({ summary: '受理告知 — tell a real-name reporter the clue was received' })
  async reporterNotice(@Param('id') id: string, @Body() body: NotifyReporterDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(clueIdOf(id), this.clues.context(req, actor), { ...body, type: 'NotifyReporter' })).detail;
  }
}
