import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';
import { AssignPetitionDto } from './assign-petition.dto';

/** 转送/交办 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class AssignPetitionController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('petition_officer')
  @ApiOperation({ summary: '转送/交办 — send the petition to the unit that must handle it' })
  async assign(@Param('id') id: string, @Body() body: AssignPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    this.petitions.assertActiveUnit(body.unitId);
    return (await this.petitions.run(idOf(id), this.petitions.context(req, actor), { ...body, type: 'AssignPetition' })).detail;
  }
}
