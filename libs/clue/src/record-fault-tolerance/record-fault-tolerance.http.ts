import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { CluesService } from '../clues.service';
import { clueIdOf } from '../clue-id';
import { FaultToleranceDto } from './record-fault-tolerance.dto';

/** 容错免责 (SPEC §3.3). */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Controller('api/clues')
export class RecordFaultToleranceController {
  constructor(private readonly clues: CluesService) {}

  @Post(':id/fault-tolerance')
  @HttpCode(200)
  @Roles('inspector', 'case_manager')
  @ApiOperation({ summary: '容错免责' })
  async faultTolerance(@Param('id') id: string, @Body() body: FaultToleranceDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(clueIdOf(id), this.clues.context(req, actor), { ...body, type: 'RecordFaultTolerance' })).detail;
  }
}
