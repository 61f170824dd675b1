import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';
import { RequestReviewDto } from './request-review.dto';

/** 复查申请 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class RequestReviewController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/review')
  @HttpCode(200)
  @Roles('petition_officer')
  @ApiOperation({ summary: '复查申请 — within 30 days of the answer' })
  async review(@Param('id') id: string, @Body() body: RequestReviewDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.petitions.context(req, actor), { ...body, type: 'RequestReview' })).detail;
  }
}
