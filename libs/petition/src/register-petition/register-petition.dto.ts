import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { PETITION_CHANNELS, PetitionChannel } from '../petition';
import { IsBusinessTime } from '@qf/platform';

export class PetitionerDto {
  @ApiProperty({ description: '信访人姓名 (personal data)', example: '王建国' })
  @IsString()
  @Length(1, 50)
  name!: string;

  @ApiPropertyOptional({ description: '身份证号 (personal data; used for 重复信访 detection, never stored in plaintext)', example: '110101199003071234' })
  @IsOptional()
  @Matches(/^[0-9]{17}[0-9Xx]$/, { message: 'idNumber must be an 18-character resident id number' })
  idNumber?: string;

  @ApiPropertyOptional({ description: '联系电话 (personal data)', example: '13812345678' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{2,19}$/, { message: 'phone must be 3–20 digits' })
  phone?: string;

  @ApiPropertyOptional({ description: '住址 (personal data)' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  address?: string;
}

/** 信访登记. */
export class RegisterPetitionDto {
  @ApiProperty({ description: '信访形式 — letter 来信, visit 来访, online 网上信访, phone 电话', enum: PETITION_CHANNELS })
  @IsIn(PETITION_CHANNELS as unknown as string[])
  channel!: PetitionChannel;

  @ApiProperty({ description: '信访人', type: PetitionerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PetitionerDto)
  petitioner!: PetitionerDto;

  @ApiPropertyOptional({ description: '匿名 — identity shown only to the petitions bureau', default: false })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiProperty({ description: '信访事项标题', example: '小区物业拒不维修电梯' })
  @IsString()
  @Length(1, 200)
  subject!: string;

  @ApiProperty({ description: '信访内容' })
  @IsString()
  @Length(1, 20000)
  content!: string;

  @ApiProperty({ description: '问题分类', example: '城乡建设/物业管理' })
  @IsString()
  @Length(1, 100)
  category!: string;

  @ApiPropertyOptional({ description: '收到时间 — for imports; not in the future, not before HISTORY_START (default 2000-01-01)' })
  @IsOptional()
  @IsBusinessTime()
  receivedAt?: string;
}
