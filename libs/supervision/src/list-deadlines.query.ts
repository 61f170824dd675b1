import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '@qf/platform';
import type { CaseKind } from './escalation-ladder';

/** Query of `GET /api/deadlines` — open deadlines. */
export class ListDeadlinesQuery extends PageQuery {
  @ApiPropertyOptional({ description: '单位 — deadlines whose responsible unit is in this subtree' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/)
  unitId?: string;

  @ApiPropertyOptional({ enum: ['warned', 'overdue'], description: 'warned 已预警 (past 80 %, not yet due), overdue 已超期' })
  @IsOptional()
  @IsIn(['warned', 'overdue'])
  state?: 'warned' | 'overdue';

  /**
   * A registered case kind. Membership is checked against the case-kind registry by the deadlines service (a new
   * kind needs no change here), with the same 400 VALIDATION_FAILED a static enum gave; here only that it is present.
   */
  @ApiPropertyOptional({ type: String, description: 'a registered case kind: hotline, petition, clue, supervision_order (and any kind registered later)' })
  @IsOptional()
  kind?: CaseKind;
}
