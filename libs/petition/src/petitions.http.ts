import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, AsOfQuery, CommandRequest, CurrentActor, DomainError, ReferDto, Roles, commandContextOf } from '@qf/platform';
import { PetitionsService } from './petitions.service';
import { ListPetitionsQuery } from './list-petitions.query';
import { RegisterPetitionDto } from './register-petition/register-petition.dto';
import { AssignPetitionDto } from './assign-petition/assign-petition.dto';
import { decideAssignPetition } from './assign-petition/assign-petition';
import { decideAcceptPetition } from './accept-petition/accept-petition';
import { RejectPetitionDto } from './reject-petition/reject-petition.dto';
import { decideRejectPetition } from './reject-petition/reject-petition';
import { ExtendPetitionDto } from './extend-petition/extend-petition.dto';
import { decideExtendPetition } from './extend-petition/extend-petition';
import { ReplyPetitionDto } from './reply-petition/reply-petition.dto';
import { decideReplyPetition } from './reply-petition/reply-petition';
import { ReasonDto } from './request-review/request-review.dto';
import { decideRequestReview } from './request-review/request-review';
import { DecisionDto } from './decide-review/decide-review.dto';
import { decideReviewDecision } from './decide-review/decide-review';
import { decideRequestRecheck } from './request-recheck/request-recheck';
import { decideRecheckDecision } from './decide-recheck/decide-recheck';
import { decideClosePetition } from './close-petition/close-petition';
import { LeadPetitionDto } from './lead-petition/lead-petition.dto';
import { decideLeadPetition } from './lead-petition/lead-petition';

const PETITION_ID = /^XF\d{8}-\d{4,}$/;

function idOf(value: string): string {
  if (!PETITION_ID.test(value)) throw new DomainError('NOT_FOUND', 'petition not found');
  return value;
}

/** 信访件 — SPEC §3.2. Thin: validation by the DTOs, rules in the decide functions. */
@ApiTags('petitions 信访件')
@ApiBearerAuth()
@Controller('api/petitions')
export class PetitionsController {
  constructor(private readonly petitions: PetitionsService) {}

  private ctx(req: CommandRequest, actor: Actor) {
    return commandContextOf(req, actor, this.petitions.now());
  }

  @Post()
  @Roles('petition_officer')
  @ApiOperation({ summary: '信访登记 — register a petition; the id (XF + date + sequence) is assigned by the server' })
  async register(@Body() body: RegisterPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.petitions.register(body, this.ctx(req, actor));
    res.status(result.created ? 201 : 200);
    return result.detail;
  }

  @Get()
  @ApiOperation({ summary: '信访件列表' })
  list(@Query() query: ListPetitionsQuery, @CurrentActor() actor: Actor) {
    return this.petitions.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: '信访件详情 — ?asOf=&knownAt= folds it at a past moment' })
  detail(@Param('id') id: string, @Query() at: AsOfQuery, @CurrentActor() actor: Actor) {
    return this.petitions.detail(idOf(id), actor, at);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('petition_officer')
  @ApiOperation({ summary: '转送/交办 — send the petition to the unit that must handle it' })
  async assign(@Param('id') id: string, @Body() body: AssignPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    this.petitions.assertActiveUnit(body.unitId);
    return (await this.petitions.run(idOf(id), this.ctx(req, actor), (s, c) => decideAssignPetition(body, s, c))).detail;
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '受理 — the assigned unit accepts it (60 days to handle)' })
  async accept(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.ctx(req, actor), (s, c) => decideAcceptPetition(s, c))).detail;
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '不予受理 — the assigned unit does not accept it (terminal)' })
  async reject(@Param('id') id: string, @Body() body: RejectPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.ctx(req, actor), (s, c) => decideRejectPetition(body, s, c))).detail;
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '延期 — once, 1–30 days more to handle' })
  async extend(@Param('id') id: string, @Body() body: ExtendPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.ctx(req, actor), (s, c) => decideExtendPetition(body, s, c))).detail;
  }

  @Post(':id/reply')
  @HttpCode(200)
  @Roles('unit_handler', 'unit_head')
  @ApiOperation({ summary: '答复 — 信访处理意见书: supported 支持 / explained 解释说明 / not_supported 不予支持' })
  async reply(@Param('id') id: string, @Body() body: ReplyPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.ctx(req, actor), (s, c) => decideReplyPetition(body, s, c))).detail;
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('petition_officer')
  @ApiOperation({ summary: '复查申请 — within 30 days of the answer' })
  async review(@Param('id') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.ctx(req, actor), (s, c) => decideRequestReview(body, s, c))).detail;
  }

  @Post(':id/review/decision')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: '复查意见 — by the supervisor of the handling unit\'s parent' })
  async reviewDecision(@Param('id') id: string, @Body() body: DecisionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.ctx(req, actor), (s, c) => decideReviewDecision(body, s, c))).detail;
  }

  @Post(':id/recheck')
  @HttpCode(200)
  @Roles('petition_officer')
  @ApiOperation({ summary: '复核申请 — within 30 days of the review decision' })
  async recheck(@Param('id') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.ctx(req, actor), (s, c) => decideRequestRecheck(body, s, c))).detail;
  }

  @Post(':id/recheck/decision')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: '复核意见 — final; closes the petition' })
  async recheckDecision(@Param('id') id: string, @Body() body: DecisionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.ctx(req, actor), (s, c) => decideRecheckDecision(body, s, c))).detail;
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('petition_officer')
  @ApiOperation({ summary: '办结 (化解) — after the answer or the review' })
  async close(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.ctx(req, actor), (s, c) => decideClosePetition(s, c))).detail;
  }

  @Post(':id/refer')
  @HttpCode(200)
  @Roles('petition_officer')
  @ApiOperation({ summary: '移送纪检监察 — register a problem clue (source petition) pointing back at this petition' })
  refer(@Param('id') id: string, @Body() body: ReferDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return this.petitions.refer(idOf(id), body, this.ctx(req, actor));
  }

  @Post(':id/lead')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: '包案 — a named leader takes charge of a backlog case' })
  async lead(@Param('id') id: string, @Body() body: LeadPetitionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.petitions.run(idOf(id), this.ctx(req, actor), (s, c) => decideLeadPetition(body, s, c))).detail;
  }
}
