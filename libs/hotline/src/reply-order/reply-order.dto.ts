import type { ReplyOrder } from './reply-order';
import { OUTCOMES, Outcome } from '../work-order';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';

export class ReplyOrderDto implements Omit<ReplyOrder, 'type'> {
  @ApiProperty({ description: '办理结果 — resolved 已解决, explained 已解释说明, unresolvable 无法解决', enum: OUTCOMES })
  @IsIn(OUTCOMES as unknown as string[])
  outcome!: Outcome;

  @ApiProperty({ description: '办结反馈 — the answer to the citizen (at least 10 characters)', example: '已联合城管中队清理占道摊点，并安排夜间巡查。' })
  @IsString()
  @Length(10, 5000)
  reply!: string;
}
