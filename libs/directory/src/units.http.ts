import { Body, Controller, Delete, Get, Inject, Param, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import type { Response } from 'express';
import { Actor, CLOCK, Clock, CommandRequest, CurrentActor, DomainError, Roles, commandContextOf } from '@qf/platform';
import { DirectoryService } from './directory.service';
import { UNIT_KINDS, UnitKind } from './directory';

export const UNIT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export class PutUnitDto {
  @ApiProperty({ description: '单位名称 — unit name', example: '东城街道' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ description: '单位类型 — street 街道, town 镇, department 部门, supervision_office 督查室, discipline_commission 纪委监委, hotline_centre 12345热线, petitions_bureau 信访局, other', enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS as unknown as string[])
  kind!: UnitKind;

  @ApiPropertyOptional({ description: '上级单位 — parent unit id (null only for the root)', nullable: true, example: 'U-QU' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(UNIT_ID_PATTERN)
  parentId!: string | null;
}

@ApiTags('units 组织机构')
@ApiBearerAuth()
@Controller('api/units')
export class UnitsController {
  constructor(
    private readonly directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: '单位列表 — the units directory' })
  list() {
    return { items: this.directory.current().list() };
  }

  @Get(':id')
  @ApiOperation({ summary: '单位详情 — one unit' })
  get(@Param('id') id: string) {
    return this.directory.get(id);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: '登记或变更单位 — create or update a unit (admin)' })
  async put(@Param('id') id: string, @Body() body: PutUnitDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    if (!UNIT_ID_PATTERN.test(id)) {
      throw new DomainError('VALIDATION_FAILED', 'invalid unit id', [{ field: 'id', message: 'letters, digits, - and _, at most 40' }]);
    }
    const result = await this.directory.put({ id, name: body.name, kind: body.kind, parentId: body.parentId ?? null }, commandContextOf(req, actor, this.clock.now()));
    res.status(result.created ? 201 : 200);
    return result.unit;
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: '撤销单位 — retire a unit (admin); its history and rankings by id stay' })
  retire(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return this.directory.retire(id, commandContextOf(req, actor, this.clock.now()));
  }
}
