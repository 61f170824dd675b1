import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { ASSIGN_MODES, AssignMode } from '../petition';
import type { AssignPetition } from './assign-petition';

export class AssignPetitionDto implements Omit<AssignPetition, 'type'> {
  @ApiProperty({ description: '承办单位', example: 'U-BM-ZJ' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/)
  unitId!: string;

  @ApiProperty({ description: 'forward 转送 / assign 交办', enum: ASSIGN_MODES })
  @IsIn(ASSIGN_MODES as unknown as string[])
  mode!: AssignMode;
}
