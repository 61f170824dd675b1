import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { AnswerInquiry } from './answer-inquiry';

export class AnswerInquiryDto implements Omit<AnswerInquiry, 'type'> {
  @ApiProperty({ description: '函询说明' })
  @IsString()
  @Length(1, 20000)
  explanation!: string;
}
