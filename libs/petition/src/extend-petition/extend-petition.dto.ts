import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { MAX_PETITION_EXTENSION_DAYS, type ExtendPetition } from './extend-petition';

export class ExtendPetitionDto implements Omit<ExtendPetition, 'type'> {
  @ApiProperty({ description: '延期天数 (1–30 calendar days, once per petition)', minimum: 1, maximum: 30 })
  @IsInt()
  @Min(1)
  @Max(MAX_PETITION_EXTENSION_DAYS)
  days!: number;

  @ApiProperty({ description: '延期理由' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
