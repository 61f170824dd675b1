import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { SUBJECT_RANKS, type SubjectRank } from '@qf/contracts';

/** 被反映人 — as a clue's register command and every referral (移送) take it. */
export class ClueSubjectDto {
  @ApiProperty({ description: '姓名' })
  @IsString()
  @Length(1, 50)
  name!: string;

  @ApiProperty({ description: '所在单位', example: 'U-BM-ZJ' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/)
  unitId!: string;

  @ApiProperty({ description: '职级 — general 一般干部, section 科级, division 处级, bureau 局级, other', enum: SUBJECT_RANKS })
  @IsIn(SUBJECT_RANKS as unknown as string[])
  rank!: SubjectRank;

  @ApiProperty({ description: '是否党员' })
  @IsBoolean()
  partyMember!: boolean;
}

/** 移送纪检监察 — the referral of a work order or petition: the clue context registers the clue it names. */
export class ReferDto {
  @ApiProperty({ description: '移送理由 (at least 10 characters)' })
  @IsString()
  @Length(10, 20000)
  reason!: string;

  @ApiProperty({ description: '被反映人', type: [ClueSubjectDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClueSubjectDto)
  subjects!: ClueSubjectDto[];
}
