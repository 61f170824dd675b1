import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { REPLY_RESULTS, ReplyResult } from '../petition';
import type { ReplyPetition } from './reply-petition';

export class ReplyPetitionDto implements Omit<ReplyPetition, 'type'> {
  @ApiProperty({ description: '处理意见 — supported 支持, explained 解释说明, not_supported 不予支持 (信访工作条例 第32条)', enum: REPLY_RESULTS })
  @IsIn(REPLY_RESULTS as unknown as string[])
  result!: ReplyResult;

  @ApiProperty({ description: '信访处理意见书' })
  @IsString()
  @Length(1, 20000)
  opinion!: string;
}
