import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { PRESETS, Preset, SUPERVISED_KINDS, SupervisedKind } from '../supervision-order';
import type { IssueSupervisionOrder } from './issue-supervision-order';

/** `POST /api/supervision-orders` — 下发督办单 (the id and the handling unit are the service's to find). */
export class IssueSupervisionOrderDto implements Omit<IssueSupervisionOrder, 'type' | 'id' | 'caseUnitId'> {
  @ApiProperty({ enum: SUPERVISED_KINDS, description: 'the kind of the supervised case (clues are the discipline office’s own)' })
  @IsIn(SUPERVISED_KINDS as unknown as string[])
  caseKind!: SupervisedKind;

  @ApiProperty()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
  caseId!: string;

  @ApiProperty({ description: '督办要求' })
  @IsString()
  @Length(1, 5000)
  requirement!: string;

  @ApiProperty({ enum: PRESETS, description: '13710: study same day, feedback 3, effect 7, resolve 10 calendar days; standard: feedback 7, resolve 15 working days' })
  @IsIn(PRESETS as unknown as string[])
  preset!: Preset;
}
