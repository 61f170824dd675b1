import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { FINDINGS, Finding } from '../clue';
import type { ReportVerification } from './report-verification';

export class ReportVerificationDto implements Omit<ReportVerification, 'type'> {
  @ApiProperty({ description: '初核结论 — substantiated 属实, partially_substantiated 部分属实, unsubstantiated 不属实, unverifiable 无法证实', enum: FINDINGS })
  @IsIn(FINDINGS as unknown as string[])
  finding!: Finding;

  @ApiProperty({ description: '初核报告' })
  @IsString()
  @Length(1, 50000)
  report!: string;
}
