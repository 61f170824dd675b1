import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, ReferDto, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';

/** 移送纪检监察 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class ReferPetitionController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/refer')
  @HttpCode(200)
  @Roles('petition_officer')
  @ApiOperation({ summary: '移送纪检监察 — register a problem clue (source petition) pointing back at this petition' })
  refer(@Param('id') id: string, @Body() body: ReferDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return this.petitions.refer(idOf(id), body, this.petitions.context(req, actor));
  }
}
