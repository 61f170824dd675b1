import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { FINDINGS, Finding } from './clue';
import { ALL_MEASURES, Form } from './record-sanction/four-forms';
import type { AnswerInquiry } from './answer-inquiry/answer-inquiry';
import type { ReportVerification } from './report-verification/report-verification';
import type { FileCase } from './file-case/file-case';
import type { RecordSanction } from './record-sanction/record-sanction';
import type { ClearName } from './clear-name/clear-name';
import type { RecordFaultTolerance } from './record-fault-tolerance/record-fault-tolerance';
import type { ConcludeClue } from './conclude-clue/conclude-clue';
import type { NotifyReporter } from './notify-reporter/notify-reporter';

/** Bodies of the smaller clue commands, each beside the interface its decide function takes. */
export class AnswerInquiryDto implements AnswerInquiry {
  @ApiProperty({ description: '函询说明' })
  @IsString()
  @Length(1, 20000)
  explanation!: string;
}

export class ReportVerificationDto implements ReportVerification {
  @ApiProperty({ description: '初核结论 — substantiated 属实, partially_substantiated 部分属实, unsubstantiated 不属实, unverifiable 无法证实', enum: FINDINGS })
  @IsIn(FINDINGS as unknown as string[])
  finding!: Finding;

  @ApiProperty({ description: '初核报告' })
  @IsString()
  @Length(1, 50000)
  report!: string;
}

export class FileCaseDto implements FileCase {
  @ApiPropertyOptional({ description: '立案摘要' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  summary?: string;
}

export class RecordSanctionDto implements RecordSanction {
  @ApiProperty({ description: '被反映人序号 (0-based)' })
  @IsInt()
  @Min(0)
  subjectIndex!: number;

  @ApiProperty({ description: '形态 (1–4)', minimum: 1, maximum: 4 })
  @IsInt()
  @Min(1)
  @Max(4)
  form!: Form;

  @ApiProperty({ description: '处置措施 — must belong to the form (SPEC §5)', enum: ALL_MEASURES })
  @IsIn(ALL_MEASURES)
  measure!: string;

  @ApiProperty({ description: '决定时间 — counts in the four-forms statistics by this date' })
  @IsISO8601({ strict: true })
  decidedAt!: string;

  @ApiProperty({ description: '依据' })
  @IsString()
  @Length(1, 5000)
  basis!: string;
}

export class ClearNameDto implements ClearName {
  @ApiProperty({ description: '被反映人序号 (0-based)' })
  @IsInt()
  @Min(0)
  subjectIndex!: number;

  @ApiProperty({ description: '澄清范围' })
  @IsString()
  @Length(1, 1000)
  scope!: string;
}

export class FaultToleranceDto implements RecordFaultTolerance {
  @ApiProperty({ description: '被反映人序号 (0-based)' })
  @IsInt()
  @Min(0)
  subjectIndex!: number;

  @ApiProperty({ description: '容错理由' })
  @IsString()
  @Length(1, 5000)
  reason!: string;
}

export class ConcludeClueDto implements ConcludeClue {
  @ApiProperty({ description: '了结结果' })
  @IsString()
  @Length(1, 200)
  outcome!: string;

  @ApiProperty({ description: '了结说明' })
  @IsString()
  @Length(1, 20000)
  summary!: string;
}

export class NotifyReporterDto implements NotifyReporter {
  @ApiProperty({ description: '告知方式', example: 'phone' })
  @IsString()
  @Length(1, 50)
  channel!: string;

  @ApiProperty({ description: '告知内容' })
  @IsString()
  @Length(1, 5000)
  note!: string;
}
