import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CAMPAIGN_ID_PATTERN, CLEARANCE_KINDS, ClearanceKind } from '../campaign';
import type { CreateCampaign } from './create-campaign';

/** The body of POST /api/campaigns. */
export class CreateCampaignDto implements Omit<CreateCampaign, 'type'> {
  @ApiProperty({ example: 'QC-2026' })
  @Matches(CAMPAIGN_ID_PATTERN)
  id!: string;

  @ApiProperty({ example: '2026年积案清仓见底专项行动' })
  @IsString()
  @Length(1, 200)
  name!: string;

  /** The kinds that count in clearance (hotline, petition, clue — SPEC §6): a static list, so Swagger can name them. */
  @ApiProperty({ enum: CLEARANCE_KINDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(CLEARANCE_KINDS, { each: true })
  kinds!: ClearanceKind[];

  @ApiProperty({ description: '基准时点 — cases received before it and open at it are the stock (存量); without an offset, Asia/Shanghai time (a bare date: that day’s start)' })
  @IsISO8601({ strict: true })
  baselineAt!: string;

  @ApiProperty({ description: '目标时点 — without an offset, Asia/Shanghai time (a bare date: that day’s end)' })
  @IsISO8601({ strict: true })
  targetAt!: string;

  @ApiPropertyOptional({ description: 'only cases handled within these units’ subtrees' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, { each: true })
  unitIds?: string[];
}
