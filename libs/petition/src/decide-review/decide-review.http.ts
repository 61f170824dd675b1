import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';
import { DecideReviewDto } from './decide-review.dto';

/** 复查意见 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class DecideReviewController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/review/decision')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: '复查意见 — by the supervisor of the handling unit\'s parent' })
  async reviewDecision(@Param('id') id: string, @Body() body: DecideReviewDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.petitions.context(req, actor), { ...body, type: 'DecideReview' })).detail;
  }
}
