import type { DecideExtension } from './decide-extension';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';

export class DecideExtensionDto implements Omit<DecideExtension, 'type'> {
  @ApiProperty({ description: '是否批准延期' })
  @IsBoolean()
  approved!: boolean;

  @ApiPropertyOptional({ description: '审核意见' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}
