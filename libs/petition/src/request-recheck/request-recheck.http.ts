import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { idOf } from '../petition-id';
import { RequestRecheckDto } from './request-recheck.dto';

/** 复核申请 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class RequestRecheckController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post(':id/recheck')
  @HttpCode(200)
  @Roles('petition_officer')
  @ApiOperation({ summary: '复核申请 — within 30 days of the review decision' })
  async recheck(@Param('id') id: string, @Body() body: RequestRecheckDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.petitions.context(req, actor), { ...body, type: 'RequestRecheck' })).detail;
  }
}
