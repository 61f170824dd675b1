import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CaseListQuery } from '@qf/platform';
import { PETITION_STATUSES, PetitionStatus } from './petition';

/** Query of GET /api/petitions. */
export class ListPetitionsQuery extends CaseListQuery {
  @ApiPropertyOptional({ enum: PETITION_STATUSES, description: '状态' })
  @IsOptional()
  @IsIn(PETITION_STATUSES as unknown as string[])
  status?: PetitionStatus;
}
