import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { CluesService } from '../clues.service';
import { RegisterClueDto } from './register-clue.dto';

/** 线索登记 (SPEC §3.3): the service allocates the XS id and seals the reporter. */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Controller('api/clues')
export class RegisterClueController {
  constructor(private readonly clues: CluesService) {}

  @Post()
  @Roles('inspector', 'case_manager')
  @ApiOperation({ summary: '线索登记 — register a clue (id XS + date + sequence)' })
  async register(@Body() body: RegisterClueDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.clues.register(body, this.clues.context(req, actor));
    res.status(result.created ? 201 : 200);
    return result.detail;
  }
}
