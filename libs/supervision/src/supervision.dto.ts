import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { PageQuery } from '@qf/platform';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PRESETS, Preset, SUPERVISED_KINDS, SUPERVISION_STAGES, SupervisedKind } from './supervision-order';

const CASE_KINDS = ['hotline', 'petition', 'clue', 'supervision_order'] as const;

/** `GET /api/escalations` — the caller's inbox. */
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

  @ApiPropertyOptional({ description: 'stage (sign, reply, assign, accept, handle, …)' })
  @IsOptional()
  @Matches(/^[a-z_]{1,32}$/)
  stage?: string;
}

/** `GET /api/deadlines` — open deadlines. */
export class ListDeadlinesQuery extends PageQuery {
  @ApiPropertyOptional({ description: '单位 — deadlines whose responsible unit is in this subtree' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/)
  unitId?: string;

  @ApiPropertyOptional({ enum: ['warned', 'overdue'], description: 'warned 已预警 (past 80 %, not yet due), overdue 已超期' })
  @IsOptional()
  @IsIn(['warned', 'overdue'])
  state?: 'warned' | 'overdue';

  @ApiPropertyOptional({ enum: CASE_KINDS })
  @IsOptional()
  @IsIn(CASE_KINDS as unknown as string[])
  kind?: (typeof CASE_KINDS)[number];
}

export class AcknowledgeDto {
  @ApiPropertyOptional({ description: '签收意见' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

/** `POST /api/supervision-orders` — 下发督办单. */
export class IssueSupervisionOrderDto {
  @ApiProperty({ enum: SUPERVISED_KINDS, description: 'the kind of the supervised case (clues are the discipline office’s own)' })
  @IsIn(SUPERVISED_KINDS as unknown as string[])
  caseKind!: SupervisedKind;

  @ApiProperty()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
  caseId!: string;

  @ApiProperty({ description: '督办要求' })
  @IsString()
  @Length(1, 5000)
  requirement!: string;

  @ApiProperty({ enum: PRESETS, description: '13710: study same day, feedback 3, effect 7, resolve 10 calendar days; standard: feedback 7, resolve 15 working days' })
  @IsIn(PRESETS as unknown as string[])
  preset!: Preset;
}

/** `POST /api/supervision-orders/:id/answer` — 督办反馈 for one stage. */
export class AnswerSupervisionOrderDto {
  @ApiProperty({ enum: SUPERVISION_STAGES })
  @IsIn(SUPERVISION_STAGES as unknown as string[])
  stage!: string;

  @ApiProperty({ description: '反馈内容' })
  @IsString()
  @Length(1, 20000)
  content!: string;
}
