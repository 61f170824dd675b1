import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { RequestReview } from './request-review';

/** Body of 复查 and 复核 requests. */
export class ReasonDto implements RequestReview {
  @ApiProperty({ description: '申请理由' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
