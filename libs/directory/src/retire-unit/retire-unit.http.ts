import { Controller, Delete, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAnswer, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { DirectoryService } from '../directory.service';

/** 撤销单位 (SPEC §2). */
@ApiTags('units 组织机构')
@ApiBearerAuth()
@Controller('api/units')
export class RetireUnitController {
  constructor(private readonly directory: DirectoryService) {}

  @Delete(':id')
  @ApiAnswer('Unit')
  @Roles('admin')
  @ApiOperation({ summary: '撤销单位 — retire a unit (admin); its history and rankings by id stay' })
  retire(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return this.directory.retire(id, this.directory.context(req, actor));
  }
}
