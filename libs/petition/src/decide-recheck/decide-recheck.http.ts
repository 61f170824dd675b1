import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';
import { DecideRecheckDto } from './decide-recheck.dto';

/** 复核意见 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class DecideRecheckController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/recheck/decision')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: '复核意见 — final; closes the petition' })
  async recheckDecision(@Param('id') id: string, @Body() body: DecideRecheckDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.petitions.context(req, actor), { ...body, type: 'DecideRecheck' })).detail;
  }
}
