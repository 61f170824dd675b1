import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { Actor, ApiAnswer, AsOfQuery, CommandRequest, CurrentActor, ReadsFrom, Roles } from '@qf/platform';
import { CluesService } from './clues.service';
import { ListCluesQuery } from './list-clues.query';
import { clueIdOf } from './clue-id';

/** 问题线索 — the queries of SPEC §3.3 (each command's route sits in its slice); for inspectors and case managers only. */
@ApiTags('clues 问题线索')
@ApiBearerAuth()
@Roles('inspector', 'case_manager')
@Controller('api/clues')
export class CluesController {
  constructor(private readonly clues: CluesService) {}

  @ReadsFrom('clues')
  @Get()
  @ApiOperation({ summary: '线索列表 (reporter masked)' })
  list(@Query() query: ListCluesQuery, @CurrentActor() actor: Actor) {
    return this.clues.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: '线索详情 — the reporter unmasked for case managers only; every such read is audited' })
  detail(@Param('id') id: string, @Query() at: AsOfQuery, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return this.clues.detail(clueIdOf(id), actor, at, req.correlationId);
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
@ReadsFrom('audit-log')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly clues: CluesService) {}

  @Get()
  @ApiAnswer('AuditLog')
  @Roles('admin', 'case_manager')
  @ApiOperation({ summary: '审计记录 — every unmasked read of a reporter\'s identity' })
  list(@Query() query: AuditQuery) {
    return this.clues.auditLog(query);
  }
}
