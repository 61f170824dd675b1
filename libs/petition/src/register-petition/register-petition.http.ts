import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { PetitionsService } from '../petitions.service';
import { RegisterPetitionDto } from './register-petition.dto';

/** 登记 (SPEC §3.2). */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class RegisterPetitionController {
  constructor(private readonly petitions: PetitionsService) {}

  @Post()
  @Roles('petition_officer')
  @ApiOperation({ summary: '信访登记 — register a petition; the id (XF + date + sequence) is assigned by the server' })
  async register(@Body() body: RegisterPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.petitions.register(body, this.petitions.context(req, actor));
    res.status(result.created ? 201 : 200);
    return result.detail;
  }
}
