import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ClueSubjectDto } from '@qf/platform';
import { CLUE_CATEGORIES, CLUE_SOURCES, ClueCategory, ClueSource } from '../clue';
import { IsBusinessTime } from '@qf/platform';

export class ReporterDto {
  @ApiProperty({ description: '检举人姓名 (personal data; unmasked only for case managers, every such read audited)' })
  @IsString()
  @Length(1, 50)
  name!: string;

  @ApiPropertyOptional({ description: '联系电话 (personal data)' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{2,19}$/, { message: 'phone must be 3–20 digits' })
  phone?: string;

  @ApiPropertyOptional({ description: '身份证号 (personal data)' })
  @IsOptional()
  @Matches(/^[0-9]{17}[0-9Xx]$/, { message: 'idNumber must be an 18-character resident id number' })
  idNumber?: string;

  @ApiProperty({ description: '实名举报 — a real-name reporter must be told of receipt within 15 working days' })
  @IsBoolean()
  realName!: boolean;
}

export class RegisterClueDto {
  @ApiProperty({ description: '线索来源', enum: CLUE_SOURCES })
  @IsIn(CLUE_SOURCES as unknown as string[])
  source!: ClueSource;

  @ApiPropertyOptional({ description: '来源编号' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  sourceRef?: string;

  @ApiPropertyOptional({ description: '检举人', type: ReporterDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReporterDto)
  reporter?: ReporterDto;

  @ApiProperty({ description: '被反映人 (at least one)', type: [ClueSubjectDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClueSubjectDto)
  subjects!: ClueSubjectDto[];

  @ApiProperty({ description: '反映问题 (at least 10 characters)' })
  @IsString()
  @Length(10, 20000)
  allegations!: string;

  @ApiProperty({ description: '问题类别 — political 政治, organizational 组织, integrity 廉洁, mass 群众, work 工作, life 生活 (纪律)', enum: CLUE_CATEGORIES })
  @IsIn(CLUE_CATEGORIES as unknown as string[])
  category!: ClueCategory;

  @ApiPropertyOptional({ description: '收到时间 — for imports; not in the future, not before HISTORY_START (default 2000-01-01)' })
  @IsOptional()
  @IsBusinessTime()
  receivedAt?: string;
}
