import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { RequestReview } from './request-review';

/** Body of 复查申请 (the OpenAPI schema keeps its published name, shared with 复核申请). */
@ApiSchema({ name: 'ReasonDto' })
export class RequestReviewDto implements Omit<RequestReview, 'type'> {
  @ApiProperty({ description: '申请理由' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
