import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { CluesService } from '../clues.service';
import { clueIdOf } from '../clue-id';
import { FileCaseDto } from './file-case.dto';

/** 立案 (SPEC §3.3). */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Controller('api/clues')
export class FileCaseController {
  constructor(private readonly clues: CluesService) {}

  @Post(':id/file-case')
  @HttpCode(200)
  @Roles('inspector', 'case_manager')
  @ApiOperation({ summary: '立案 — after a (partially) substantiated finding' })
  async fileCase(@Param('id') id: string, @Body() body: FileCaseDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(clueIdOf(id), this.clues.context(req, actor), { ...body, type: 'FileCase' })).detail;
  }
}
