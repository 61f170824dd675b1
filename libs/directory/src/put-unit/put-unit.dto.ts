import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { UNIT_ID_PATTERN, UNIT_KINDS, UnitKind } from '../directory';
import type { PutUnit } from './put-unit';

/** The body of PUT /api/units/:id (the id is the path's). */
export class PutUnitDto implements Omit<PutUnit, 'type' | 'id'> {
  @ApiProperty({ description: '单位名称 — unit name', example: '东城街道' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ description: '单位类型 — street 街道, town 镇, department 部门, supervision_office 督查室, discipline_commission 纪委监委, hotline_centre 12345热线, petitions_bureau 信访局, other', enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS as unknown as string[])
  kind!: UnitKind;

  @ApiPropertyOptional({ description: '上级单位 — parent unit id (null only for the root)', nullable: true, type: String, example: 'U-QU' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(UNIT_ID_PATTERN)
  parentId!: string | null;
}
