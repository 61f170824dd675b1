import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AsOfQuery, CurrentActor, ReadsFrom } from '@qf/platform';
import { PetitionsService } from './petitions.service';
import { ListPetitionsQuery } from './list-petitions.query';
import { idOf } from './petition-id';

/** 信访件 — the queries of SPEC §3.2 (each command's route sits in its slice). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class PetitionsController {
  constructor(private readonly petitions: PetitionsService) {}

  @ReadsFrom('petitions')
  @Get()
  @ApiOperation({ summary: '信访件列表' })
  list(@Query() query: ListPetitionsQuery, @CurrentActor() actor: Actor) {
    return this.petitions.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: '信访件详情 — ?asOf=&knownAt= folds it at a past moment' })
  detail(@Param('id') id: string, @Query() at: AsOfQuery, @CurrentActor() actor: Actor) {
    return this.petitions.detail(idOf(id), actor, at);
  }
}
