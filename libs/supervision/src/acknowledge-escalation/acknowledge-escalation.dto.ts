import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { AcknowledgeEscalation } from './acknowledge-escalation';

/** `POST /api/escalations/:id/acknowledge` — 签收 (the escalation id is the path's). */
// The OpenAPI document keeps the schema's published name (clients generated from it stay as they were).
@ApiSchema({ name: 'AcknowledgeDto' })
export class AcknowledgeEscalationDto implements Omit<AcknowledgeEscalation, 'type' | 'escalationId'> {
  @ApiPropertyOptional({ description: '签收意见' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}
