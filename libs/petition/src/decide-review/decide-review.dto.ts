import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { DECISION_RESULTS, DecisionResult } from '../petition';
import type { DecideReview } from './decide-review';

/** Body of 复查意见 and 复核意见. */
export class DecisionDto implements DecideReview {
  @ApiProperty({ description: 'upheld 维持 / changed 变更', enum: DECISION_RESULTS })
  @IsIn(DECISION_RESULTS as unknown as string[])
  result!: DecisionResult;

  @ApiProperty({ description: '意见' })
  @IsString()
  @Length(1, 20000)
  opinion!: string;
}
