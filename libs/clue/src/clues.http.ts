import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import type { Response } from 'express';
import { Actor, AsOfQuery, CommandRequest, CurrentActor, DomainError, Roles, commandContextOf } from '@qf/platform';
import { CluesService } from './clues.service';
import { ListCluesQuery } from './list-clues.query';
import { RegisterClueDto } from './register-clue/register-clue.dto';
import { DisposeClueDto } from './dispose-clue/dispose-clue.dto';
import { decideDisposeClue } from './dispose-clue/dispose-clue';
import {
  AnswerInquiryDto,
  ClearNameDto,
  ConcludeClueDto,
  FaultToleranceDto,
  FileCaseDto,
  NotifyReporterDto,
  RecordSanctionDto,
  ReportVerificationDto,
} from './clue-commands.dto';
import { decideAnswerInquiry } from './answer-inquiry/answer-inquiry';
import { decideReportVerification } from './report-verification/report-verification';
import { decideFileCase } from './file-case/file-case';
import { decideRecordSanction } from './record-sanction/record-sanction';
import { decideClearName } from './clear-name/clear-name';
import { decideRecordFaultTolerance } from './record-fault-tolerance/record-fault-tolerance';
import { decideConcludeClue } from './conclude-clue/conclude-clue';
import { decideNotifyReporter } from './notify-reporter/notify-reporter';

const CLUE_ID = /^XS\d{8}-\d{4,}$/;

function idOf(value: string): string {
  if (!CLUE_ID.test(value)) throw new DomainError('NOT_FOUND', 'clue not found');
  return value;
}

/** 问题线索 — SPEC §3.3; every route is for inspectors and case managers only. */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Roles('inspector', 'case_manager')
@Controller('api/clues')
export class CluesController {
  constructor(private readonly clues: CluesService) {}

  private ctx(req: CommandRequest, actor: Actor) {
    return commandContextOf(req, actor, this.clues.now());
  }

  @Post()
  @ApiOperation({ summary: '线索登记 — register a clue (id XS + date + sequence)' })
  async register(@Body() body: RegisterClueDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.clues.register(body, this.ctx(req, actor));
    res.status(result.created ? 201 : 200);
    return result.detail;
  }

  @Get()
  @ApiOperation({ summary: '线索列表 (reporter masked)' })
  list(@Query() query: ListCluesQuery, @CurrentActor() actor: Actor) {
    return this.clues.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: '线索详情 — the reporter unmasked for case managers only; every such read is audited' })
  detail(@Param('id') id: string, @Query() at: AsOfQuery, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return this.clues.detail(idOf(id), actor, at, req.correlationId);
  }

  @Post(':id/disposition')
  @HttpCode(200)
  @ApiOperation({ summary: '处置 — talk_inquiry 谈话函询 / preliminary_verification 初步核实 / hold 暂存待查 / close 予以了结' })
  async dispose(@Param('id') id: string, @Body() body: DisposeClueDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(idOf(id), this.ctx(req, actor), (s, c) => decideDisposeClue(body, s, c))).detail;
  }

  @Post(':id/inquiry-reply')
  @HttpCode(200)
  @ApiOperation({ summary: '函询回复' })
  async inquiryReply(@Param('id') id: string, @Body() body: AnswerInquiryDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(idOf(id), this.ctx(req, actor), (s, c) => decideAnswerInquiry(body, s, c))).detail;
  }

  @Post(':id/verification')
  @HttpCode(200)
  @ApiOperation({ summary: '初核结论' })
  async verification(@Param('id') id: string, @Body() body: ReportVerificationDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(idOf(id), this.ctx(req, actor), (s, c) => decideReportVerification(body, s, c))).detail;
  }

  @Post(':id/file-case')
  @HttpCode(200)
  @ApiOperation({ summary: '立案 — after a (partially) substantiated finding' })
  async fileCase(@Param('id') id: string, @Body() body: FileCaseDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(idOf(id), this.ctx(req, actor), (s, c) => decideFileCase(body, s, c))).detail;
  }

  @Post(':id/sanctions')
  @HttpCode(200)
  @ApiOperation({ summary: '运用四种形态处置 — one disposition of one person; the measure must belong to the form' })
  async sanctions(@Param('id') id: string, @Body() body: RecordSanctionDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(idOf(id), this.ctx(req, actor), (s, c) => decideRecordSanction(body, s, c))).detail;
  }

  @Post(':id/clear-name')
  @HttpCode(200)
  @ApiOperation({ summary: '澄清正名 — after an unsubstantiated finding or an inquiry conclusion' })
  async clearName(@Param('id') id: string, @Body() body: ClearNameDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(idOf(id), this.ctx(req, actor), (s, c) => decideClearName(body, s, c))).detail;
  }

  @Post(':id/fault-tolerance')
  @HttpCode(200)
  @ApiOperation({ summary: '容错免责' })
  async faultTolerance(@Param('id') id: string, @Body() body: FaultToleranceDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(idOf(id), this.ctx(req, actor), (s, c) => decideRecordFaultTolerance(body, s, c))).detail;
  }

  @Post(':id/conclude')
  @HttpCode(200)
  @ApiOperation({ summary: '了结' })
  async conclude(@Param('id') id: string, @Body() body: ConcludeClueDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(idOf(id), this.ctx(req, actor), (s, c) => decideConcludeClue(body, s, c))).detail;
  }

  @Post(':id/reporter-notice')
  @HttpCode(200)
  @ApiOperation({ summary: '受理告知 — tell a real-name reporter the clue was received' })
  async reporterNotice(@Param('id') id: string, @Body() body: NotifyReporterDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.run(idOf(id), this.ctx(req, actor), (s, c) => decideNotifyReporter(body, s, c))).detail;
  }

  @Post(':id/forget-reporter')
  @HttpCode(200)
  @Roles('case_manager')
  @ApiOperation({ summary: '删除检举人身份 — destroys the reporter\'s key (crypto-shredding); reads show "[erased]" from then on' })
  async forgetReporter(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return (await this.clues.forgetReporter(idOf(id), this.ctx(req, actor))).detail;
  }
}

export class AuditQuery {
  @ApiPropertyOptional({ description: '线索编号' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  clueId?: string;

  @ApiPropertyOptional({ description: 'reader (token sub)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reader?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** 审计 — who read a reporter's identity, and when. */
@ApiTags('audit 审计')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly clues: CluesService) {}

  @Get()
  @Roles('admin', 'case_manager')
  @ApiOperation({ summary: '审计记录 — every unmasked read of a reporter\'s identity' })
  list(@Query() query: AuditQuery) {
    return this.clues.auditLog(query);
  }
}
