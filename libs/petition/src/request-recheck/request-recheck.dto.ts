import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { RequestRecheck } from './request-recheck';

/** Body of 复核申请 (the OpenAPI schema keeps its published name, shared with 复查申请). */
@ApiSchema({ name: 'ReasonDto' })
export class RequestRecheckDto implements Omit<RequestRecheck, 'type'> {
  @ApiProperty({ description: '申请理由' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
