import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { RANKING_KINDS, RankingKind } from '../ranking/ranking';
import type { ConfigureRanking } from './configure-ranking';

/** The body of PUT /api/reports/weights (whether each weight is a number from 0 to 1000 the decide checks). */
export class RankingConfigDto implements Omit<ConfigureRanking, 'type' | 'listSize'> {
  @ApiProperty({ enum: RANKING_KINDS })
  @IsIn(RANKING_KINDS as unknown as string[])
  kind!: RankingKind;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', minimum: 0 }, description: 'rate → weight (≥ 0); rates left out weigh 0', example: { responseRate: 0.3, resolutionRate: 0.35, satisfactionRate: 0.35, onTimeRate: 0 } })
  @IsObject()
  @Transform(({ value }) => value)
  weights!: Record<string, number>;

  @ApiPropertyOptional({ description: '红榜/黑榜 size', default: 3, minimum: 1, maximum: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  listSize?: number;
}
