import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { LeadPetition } from './lead-petition';

export class LeadPetitionDto implements Omit<LeadPetition, 'type'> {
  @ApiProperty({ description: '包案领导姓名', example: '李副区长' })
  @IsString()
  @Length(1, 50)
  leaderName!: string;
}
