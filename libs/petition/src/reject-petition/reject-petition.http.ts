import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';
import { RejectPetitionDto } from './reject-petition.dto';

/** 不予受理 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class RejectPetitionController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '不予受理 — the assigned unit does not accept it (terminal)' })
  async reject(@Param('id') id: string, @Body() body: RejectPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.petitions.context(req, actor), { ...body, type: 'RejectPetition' })).detail;
  }
}
