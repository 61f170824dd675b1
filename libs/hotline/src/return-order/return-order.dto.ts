import type { ReturnOrder } from './return-order';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ReturnOrderDto implements Omit<ReturnOrder, 'type'> {
  @ApiProperty({ description: '退单理由 — why the order is not this unit\'s (at least 5 characters)', example: '该路段属西城街道管辖' })
  @IsString()
  @Length(5, 2000)
  reason!: string;
}
