import type { VisitOrder } from './visit-order';
import { SATISFACTIONS, Satisfaction } from '../work-order';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';

export class VisitOrderDto implements Omit<VisitOrder, 'type'> {
  @ApiProperty({ description: '满意度 — satisfied 满意, basically_satisfied 基本满意, unsatisfied 不满意', enum: SATISFACTIONS })
  @IsIn(SATISFACTIONS as unknown as string[])
  satisfaction!: Satisfaction;

  @ApiProperty({ description: '是否解决' })
  @IsBoolean()
  resolved!: boolean;

  @ApiPropertyOptional({ description: '回访记录' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}
