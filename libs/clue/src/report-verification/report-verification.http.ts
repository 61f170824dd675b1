import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { CluesService } from '../clues.service';
import { clueIdOf } from '../clue-id';
import { ReportVerificationDto } from './report-verification.dto';

/** 初核结论 (SPEC §3.3). */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Controller('api/clues')
export class ReportVerificationController {
  constructor(private readonly clues: CluesService) {}

  @Post(':id/verification')
  @HttpCode(200)
  @Roles('inspector', 'case_manager')
  @ApiOperation({ summary: '初核结论' })
  async verification(@Param('id') id: string, @Body() body: ReportVerificationDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(clueIdOf(id), this.clues.context(req, actor), { ...body, type: 'ReportVerification' })).detail;
  }
}
