import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';

/** 办结 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class ClosePetitionController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/close')
  @HttpCode(200)
  @Roles('petition_officer')
  @ApiOperation({ summary: '办结 (化解) — after the answer or the review' })
  async close(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.petitions.context(req, actor), { type: 'ClosePetition' })).detail;
  }
}
