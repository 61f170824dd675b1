import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CaseListQuery } from '@qf/platform';
import { CLUE_SOURCES, CLUE_STATUSES, ClueSource, ClueStatus } from './clue';

/** Query of GET /api/clues; `unitId` matches the subjects' units (subtree). */
export class ListCluesQuery extends CaseListQuery {
  @ApiPropertyOptional({ enum: CLUE_STATUSES, description: '状态' })
  @IsOptional()
  @IsIn(CLUE_STATUSES as unknown as string[])
  status?: ClueStatus;

  @ApiPropertyOptional({ enum: CLUE_SOURCES, description: '线索来源' })
  @IsOptional()
  @IsIn(CLUE_SOURCES as unknown as string[])
  source?: ClueSource;
}
