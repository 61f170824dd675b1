import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';
import { ReplyPetitionDto } from './reply-petition.dto';

/** 答复 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class ReplyPetitionController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/reply')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '答复 — 信访处理意见书: supported 支持 / explained 解释说明 / not_supported 不予支持' })
  async reply(@Param('id') id: string, @Body() body: ReplyPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.petitions.context(req, actor), { ...body, type: 'ReplyPetition' })).detail;
  }
}
