import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsString, Length, Max, Min } from 'class-validator';
import { ALL_MEASURES, Form } from './four-forms';
import type { RecordSanction } from './record-sanction';

export class RecordSanctionDto implements Omit<RecordSanction, 'type'> {
  @ApiProperty({ description: '被反映人序号 (0-based)' })
  @IsInt()
  @Min(0)
  subjectIndex!: number;

  @ApiProperty({ description: '形态 (1–4)', type: 'integer', enum: [1, 2, 3, 4], minimum: 1, maximum: 4 })
  @IsInt()
  @Min(1)
  @Max(4)
  form!: Form;

  @ApiProperty({ description: '处置措施 — must belong to the form (SPEC §5)', enum: ALL_MEASURES })
  @IsIn(ALL_MEASURES)
  measure!: string;

  @ApiProperty({ description: '决定时间 — counts in the four-forms statistics by this date (ISO 8601; without an offset, Asia/Shanghai time)' })
  @IsISO8601({ strict: true })
  decidedAt!: string;

  @ApiProperty({ description: '依据' })
  @IsString()
  @Length(1, 5000)
  basis!: string;
}
