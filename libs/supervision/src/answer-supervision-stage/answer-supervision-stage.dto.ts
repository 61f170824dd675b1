import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { SUPERVISION_STAGES } from '../supervision-order';
import type { AnswerSupervisionStage } from './answer-supervision-stage';

/** `POST /api/supervision-orders/:id/answer` — 督办反馈 for one stage. */
// The OpenAPI document keeps the schema's published name (clients generated from it stay as they were).
@ApiSchema({ name: 'AnswerSupervisionOrderDto' })
export class AnswerSupervisionStageDto implements Omit<AnswerSupervisionStage, 'type'> {
  @ApiProperty({ enum: SUPERVISION_STAGES })
  @IsIn(SUPERVISION_STAGES as unknown as string[])
  stage!: string;

  @ApiProperty({ description: '反馈内容' })
  @IsString()
  @Length(1, 20000)
  content!: string;
}
