import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { FileCase } from './file-case';

export class FileCaseDto implements Omit<FileCase, 'type'> {
  @ApiPropertyOptional({ description: '立案摘要' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  summary?: string;
}
