import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { CluesService } from '../clues.service';
import { clueIdOf } from '../clue-id';
import { RecordSanctionDto } from './record-sanction.dto';

/** 运用四种形态处置 (SPEC §3.3, §5). */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Controller('api/clues')
export class RecordSanctionController {
  constructor(private readonly clues: CluesService) {}

  @Post(':id/sanctions')
  @HttpCode(200)
  @Roles('inspector', 'case_manager')
  @ApiOperation({ summary: '运用四种形态处置 — one disposition of one person; the measure must belong to the form' })
  async sanctions(@Param('id') id: string, @Body() body: RecordSanctionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(clueIdOf(id), this.clues.context(req, actor), { ...body, type: 'RecordSanction' })).detail;
  }
}
