import type { ReopenOrder } from './reopen-order';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ReopenOrderDto implements Omit<ReopenOrder, 'type'> {
  @ApiProperty({ description: '重办理由', example: '群众反映问题仍未解决' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
