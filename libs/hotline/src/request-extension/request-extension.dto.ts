import { MAX_EXTENSION_DAYS, type RequestExtension } from './request-extension';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';

export class RequestExtensionDto implements Omit<RequestExtension, 'type'> {
  @ApiProperty({ description: '延期天数 — working days (1–10; at most 10 in total per order)', minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(MAX_EXTENSION_DAYS)
  days!: number;

  @ApiProperty({ description: '延期理由', example: '需协调住建部门现场勘查' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
