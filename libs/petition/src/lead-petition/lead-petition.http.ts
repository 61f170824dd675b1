import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';
import { LeadPetitionDto } from './lead-petition.dto';

/** 包案 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class LeadPetitionController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/lead')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: '包案 — a named leader takes charge of a backlog case' })
  async lead(@Param('id') id: string, @Body() body: LeadPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.petitions.context(req, actor), { ...body, type: 'LeadPetition' })).detail;
  }
}
