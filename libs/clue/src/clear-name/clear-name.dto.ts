import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Min } from 'class-validator';
import type { ClearName } from './clear-name';

export class ClearNameDto implements Omit<ClearName, 'type'> {
  @ApiProperty({ description: '被反映人序号 (0-based)' })
  @IsInt()
  @Min(0)
  subjectIndex!: number;

  @ApiProperty({ description: '澄清范围' })
  @IsString()
  @Length(1, 1000)
  scope!: string;
}
