import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '@qf/platform';
import { DirectoryService } from './directory.service';

/** The directory's queries; its commands' routes live in their slices (put-unit/, retire-unit/). */
@ApiTags('units 组织机构')
@ApiBearerAuth()
@Controller('api/units')
export class UnitsController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @ApiAnswer('UnitList')
  @ApiOperation({ summary: '单位列表 — the units directory' })
  list() {
    return { items: this.directory.current().list() };
  }

  @Get(':id')
  @ApiAnswer('Unit')
  @ApiOperation({ summary: '单位详情 — one unit' })
  get(@Param('id') id: string) {
    return this.directory.get(id);
  }
}
