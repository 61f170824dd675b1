import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { RejectPetition } from './reject-petition';

export class RejectPetitionDto implements Omit<RejectPetition, 'type'> {
  @ApiProperty({ description: '不予受理理由' })
  @IsString()
  @Length(2, 2000)
  reason!: string;
}
