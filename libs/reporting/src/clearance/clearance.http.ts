import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Response } from 'express';
import { Actor, CommandRequest, CurrentActor, DomainError, Roles, commandContextOf, hasRole } from '@qf/platform';
import { CLEARANCE_KINDS, ClearanceKind } from './clearance-facts.projection';
import { ClearanceService } from './clearance.service';
import { clearanceCsv, clearanceWorkbook } from './clearance-export';

const CAMPAIGN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export class CreateCampaignDto {
  @ApiProperty({ example: 'QC-2026' })
  @Matches(CAMPAIGN_ID)
  id!: string;

  @ApiProperty({ example: '2026年积案清仓见底专项行动' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: CLEARANCE_KINDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(CLEARANCE_KINDS, { each: true })
  kinds!: ClearanceKind[];

  @ApiProperty({ description: '基准时点 — cases received before it and open at it are the stock (存量)' })
  @IsISO8601({ strict: true })
  baselineAt!: string;

  @ApiProperty({ description: '目标时点' })
  @IsISO8601({ strict: true })
  targetAt!: string;

  @ApiPropertyOptional({ description: 'only cases handled within these units’ subtrees' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, { each: true })
  unitIds?: string[];
}

export class AsOfOnlyQuery {
  @ApiPropertyOptional({ description: '时点 — default now; the answer for a past moment never changes' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({
    description:
      '截至记录时间 — count only events recorded at or before this time, so the answer for a past (asOf, knownAt) pair never changes (SPEC §3). ' +
      'May be earlier than asOf (what was known then about asOf). A time after now means now.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  knownAt?: string;
}


/** 专项行动与清仓见底 (SPEC §6). */
@ApiTags('clearance 存量清零、增量随清')
@ApiBearerAuth()
@Controller('api/campaigns')
export class CampaignsController {
  constructor(private readonly clearance: ClearanceService) {}

  private static idOf(id: string): string {
    if (!CAMPAIGN_ID.test(id)) throw new DomainError('NOT_FOUND', 'campaign not found');
    return id;
  }

  /**
   * Leaders and admins see the whole district; a supervisor their unit's subtree (SPEC §1, §6). A supervisor without a
   * unit has no subtree: refused, never widened to everything.
   */
  static scopeOf(actor: Actor): string[] | undefined {
    if (hasRole(actor, 'leader', 'admin')) return undefined;
    if (!actor.unitId) throw new DomainError('FORBIDDEN', 'a supervisor without a unit may not read clearance');
    return [actor.unitId];
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: '创建专项行动 — a campaign with its baseline' })
  async create(@Body() body: CreateCampaignDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.clearance.create({ ...body, unitIds: body.unitIds ?? null }, commandContextOf(req, actor, this.clearance.now()));
    res.status(result.created ? 201 : 200);
    return result.campaign;
  }

  @Get()
  @Roles('admin', 'leader', 'supervisor')
  @ApiOperation({ summary: '专项行动列表' })
  list() {
    return this.clearance.list();
  }

  @Get(':id')
  @Roles('admin', 'leader', 'supervisor')
  @ApiOperation({ summary: '专项行动' })
  get(@Param('id') id: string) {
    return this.clearance.get(CampaignsController.idOf(id));
  }

  @Get(':id/clearance')
  @Roles('admin', 'leader', 'supervisor')
  @ApiOperation({ summary: '清仓见底 — stock and increment, per unit and in total, at asOf' })
  report(@Param('id') id: string, @Query() q: AsOfOnlyQuery, @CurrentActor() actor: Actor) {
    return this.clearance.clearance(CampaignsController.idOf(id), q.asOf, CampaignsController.scopeOf(actor), q.knownAt);
  }

  @Get(':id/clearance.csv')
  @Roles('admin', 'leader', 'supervisor')
  @ApiOperation({ summary: '清仓见底 (CSV, Chinese headers)' })
  async csv(@Param('id') id: string, @Query() q: AsOfOnlyQuery, @CurrentActor() actor: Actor, @Res() res: Response) {
    const report = await this.clearance.clearance(CampaignsController.idOf(id), q.asOf, CampaignsController.scopeOf(actor), q.knownAt);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="clearance-${report.campaignId}.csv"`);
    res.send(clearanceCsv(report));
  }

  @Get(':id/clearance.xlsx')
  @Roles('admin', 'leader', 'supervisor')
  @ApiOperation({ summary: '清仓见底台账 (Excel: the per-unit table and the case ledger)' })
  async xlsx(@Param('id') id: string, @Query() q: AsOfOnlyQuery, @CurrentActor() actor: Actor, @Res() res: Response) {
    const campaignId = CampaignsController.idOf(id);
    const scope = CampaignsController.scopeOf(actor);
    const report = await this.clearance.clearance(campaignId, q.asOf, scope, q.knownAt);
    // The ledger under the same scope and attribution as the summary: only the caller's units and their cases.
    const ledger = await this.clearance.ledger(campaignId, q.asOf, scope, q.knownAt);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="clearance-${campaignId}.xlsx"`);
    res.send(await clearanceWorkbook(report, ledger));
  }
}
