import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DEADLINE_STAGES } from '@qf/kernel';
import { PageQuery } from '@qf/platform';

/** Query of `GET /api/escalations` — the caller's inbox. */
export class ListEscalationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: '0 = 预警 warning, 1–3 = 督办 levels', minimum: 0, maximum: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3)
  level?: number;

  @ApiPropertyOptional({ enum: ['open', 'acknowledged'] })
  @IsOptional()
  @IsIn(['open', 'acknowledged'])
  state?: 'open' | 'acknowledged';

  @ApiPropertyOptional({ description: 'case id (order number, petition or clue id, supervision order id)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
  caseId?: string;

  @ApiPropertyOptional({ description: 'stage (阶段)', enum: DEADLINE_STAGES })
  @IsOptional()
  @IsIn(DEADLINE_STAGES as string[])
  stage?: string;
}
