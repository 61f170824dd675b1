import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { ConcludeClue } from './conclude-clue';

export class ConcludeClueDto implements Omit<ConcludeClue, 'type'> {
  @ApiProperty({ description: '了结结果' })
  @IsString()
  @Length(1, 200)
  outcome!: string;

  @ApiProperty({ description: '了结说明' })
  @IsString()
  @Length(1, 20000)
  summary!: string;
}
