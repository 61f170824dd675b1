import type { RedispatchOrder } from './redispatch-order';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class RedispatchOrderDto implements Omit<RedispatchOrder, 'type'> {
  @ApiProperty({ description: '改派至 — the unit that should handle it now', example: 'U-JD-02' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/)
  unitId!: string;
}
