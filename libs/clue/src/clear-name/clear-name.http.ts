import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { CluesService } from '../clues.service';
import { clueIdOf } from '../clue-id';
import { ClearNameDto } from './clear-name.dto';

/** 澄清正名 (SPEC §3.3). */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Controller('api/clues')
export class ClearNameController {
  constructor(private readonly clues: CluesService) {}

  @Post(':id/clear-name')
  @HttpCode(200)
  @Roles('inspector', 'case_manager')
  @ApiOperation({ summary: '澄清正名 — after an unsubstantiated finding or an inquiry conclusion' })
  async clearName(@Param('id') id: string, @Body() body: ClearNameDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(clueIdOf(id), this.clues.context(req, actor), { ...body, type: 'ClearName' })).detail;
  }
}
