import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';
import { ExtendPetitionDto } from './extend-petition.dto';

/** 延期 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class ExtendPetitionController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/extend')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '延期 — once, 1–30 days more to handle' })
  async extend(@Param('id') id: string, @Body() body: ExtendPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.petitions.context(req, actor), { ...body, type: 'ExtendPetition' })).detail;
  }
}
