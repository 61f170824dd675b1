import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { DISPOSITION_METHODS, DispositionMethod } from '../clue';
import type { DisposeClue } from './dispose-clue';

export class DisposeClueDto implements Omit<DisposeClue, 'type'> {
  @ApiProperty({ description: '处置方式 — talk_inquiry 谈话函询, preliminary_verification 初步核实, hold 暂存待查, close 予以了结', enum: DISPOSITION_METHODS })
  @IsIn(DISPOSITION_METHODS as unknown as string[])
  method!: DispositionMethod;

  @ApiProperty({ description: '处置理由' })
  @IsString()
  @Length(1, 5000)
  rationale!: string;

  @ApiProperty({ description: '审批人 (集体研究决定)' })
  @IsString()
  @Length(1, 50)
  approvedBy!: string;
}
