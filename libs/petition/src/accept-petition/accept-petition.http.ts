import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';

/** 受理 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class AcceptPetitionController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '受理 — the assigned unit accepts it (60 days to handle)' })
  async accept(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.petitions.context(req, actor), { type: 'AcceptPetition' })).detail;
  }
}
