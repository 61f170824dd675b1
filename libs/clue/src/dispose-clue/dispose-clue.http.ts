import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { CluesService } from '../clues.service';
import { clueIdOf } from '../clue-id';
import { DisposeClueDto } from './dispose-clue.dto';

/** 处置 (SPEC §3.3). */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Controller('api/clues')
export class DisposeClueController {
  constructor(private readonly clues: CluesService) {}

  @Post(':id/disposition')
  @HttpCode(200)
  @Roles('inspector', 'case_manager')
  @ApiOperation({ summary: '处置 — talk_inquiry 谈话函询 / preliminary_verification 初步核实 / hold 暂存待查 / close 予以了结' })
  async dispose(@Param('id') id: string, @Body() body: DisposeClueDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(clueIdOf(id), this.clues.context(req, actor), { ...body, type: 'DisposeClue' })).detail;
  }
}
