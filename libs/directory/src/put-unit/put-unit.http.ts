import { Body, Controller, Param, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, ApiAnswer, CommandRequest, CurrentActor, DomainError, Roles } from '@qf/platform';
import { DirectoryService } from '../directory.service';
import { UNIT_ID_PATTERN } from '../directory';
import { PutUnitDto } from './put-unit.dto';

/** 登记或变更单位 (SPEC §2). */
@ApiTags('units 组织机构')
@ApiBearerAuth()
@Controller('api/units')
export class PutUnitController {
  constructor(private readonly directory: DirectoryService) {}

  @Put(':id')
  @ApiAnswer('Unit')
  @ApiAnswer('Unit', 201, 'the unit, registered now')
  @Roles('admin')
  @ApiOperation({ summary: '登记或变更单位 — create or update a unit (admin)' })
  async put(@Param('id') id: string, @Body() body: PutUnitDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    if (!UNIT_ID_PATTERN.test(id)) {
      throw new DomainError('VALIDATION_FAILED', 'invalid unit id', [{ field: 'id', message: 'letters, digits, - and _, at most 40' }]);
    }
    const result = await this.directory.put({ id, name: body.name, kind: body.kind, parentId: body.parentId ?? null }, this.directory.context(req, actor));
    res.status(result.created ? 201 : 200);
    return result.unit;
  }
}
