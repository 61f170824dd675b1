import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { DECISION_RESULTS, DecisionResult } from '../petition';
import type { DecideRecheck } from './decide-recheck';

/** Body of 复核意见 (the OpenAPI schema keeps its published name, shared with 复查意见). */
@ApiSchema({ name: 'DecisionDto' })
export class DecideRecheckDto implements Omit<DecideRecheck, 'type'> {
  @ApiProperty({ description: 'upheld 维持 / changed 变更', enum: DECISION_RESULTS })
  @IsIn(DECISION_RESULTS as unknown as string[])
  result!: DecisionResult;

  @ApiProperty({ description: '意见' })
  @IsString()
  @Length(1, 20000)
  opinion!: string;
}
