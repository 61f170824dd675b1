import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { CluesService } from '../clues.service';
import { clueIdOf } from '../clue-id';
import { AnswerInquiryDto } from './answer-inquiry.dto';

/** 函询回复 (SPEC §3.3). */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Controller('api/clues')
export class AnswerInquiryController {
  constructor(private readonly clues: CluesService) {}

  @Post(':id/inquiry-reply')
  @HttpCode(200)
  @Roles('inspector', 'case_manager')
  @ApiOperation({ summary: '函询回复' })
  async inquiryReply(@Param('id') id: string, @Body() body: AnswerInquiryDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(clueIdOf(id), this.clues.context(req, actor), { ...body, type: 'AnswerInquiry' })).detail;
  }
}
