import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { Actor, ApiAnswer, CurrentActor, DomainError, ReadsFrom, Roles } from '@qf/platform';
import { CAMPAIGN_ID_PATTERN } from '../campaign';
import { CampaignsService } from './campaigns.service';
import { ClearanceService } from './clearance.service';
import { clearanceCsv, clearanceWorkbook } from './clearance-export';

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


/**
 * 专项行动与清仓见底 (SPEC §6): the queries; creating a campaign is its slice's route (create-campaign/). Every view and
 * export is computed under the caller's scope (ClearanceService.scopeOf: units and case kinds).
 */
@ApiTags('clearance 存量清零、增量随清')
@ApiBearerAuth()
@ReadsFrom('report-campaigns', 'report-clearance-facts')
@Controller('api/campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly clearance: ClearanceService,
  ) {}

  private static idOf(id: string): string {
    if (!CAMPAIGN_ID_PATTERN.test(id)) throw new DomainError('NOT_FOUND', 'campaign not found');
    return id;
  }

  @Get()
  @ApiAnswer('CampaignList')
  @Roles('admin', 'leader', 'supervisor')
  @ApiOperation({ summary: '专项行动列表' })
  list() {
    return this.campaigns.list();
  }

  @Get(':id')
  @ApiAnswer('Campaign')
  @Roles('admin', 'leader', 'supervisor')
  @ApiOperation({ summary: '专项行动' })
  get(@Param('id') id: string) {
    return this.campaigns.get(CampaignsController.idOf(id));
  }

  @Get(':id/clearance')
  @ApiAnswer('ClearanceReport')
  @Roles('admin', 'leader', 'supervisor')
  @ApiOperation({ summary: '清仓见底 — stock and increment, per unit and in total, at asOf' })
  report(@Param('id') id: string, @Query() q: AsOfOnlyQuery, @CurrentActor() actor: Actor) {
    return this.clearance.clearance(CampaignsController.idOf(id), q.asOf, this.clearance.scopeOf(actor), q.knownAt);
  }

  @Get(':id/clearance.csv')
  @Roles('admin', 'leader', 'supervisor')
  @ApiOperation({ summary: '清仓见底 (CSV, Chinese headers)' })
  async csv(@Param('id') id: string, @Query() q: AsOfOnlyQuery, @CurrentActor() actor: Actor, @Res() res: Response) {
    const report = await this.clearance.clearance(CampaignsController.idOf(id), q.asOf, this.clearance.scopeOf(actor), q.knownAt);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="clearance-${report.campaignId}.csv"`);
    res.send(clearanceCsv(report));
  }

  @Get(':id/clearance.xlsx')
  @Roles('admin', 'leader', 'supervisor')
  @ApiOperation({ summary: '清仓见底台账 (Excel: the per-unit table and the case ledger)' })
  async xlsx(@Param('id') id: string, @Query() q: AsOfOnlyQuery, @CurrentActor() actor: Actor, @Res() res: Response) {
    const campaignId = CampaignsController.idOf(id);
    const scope = this.clearance.scopeOf(actor);
    const report = await this.clearance.clearance(campaignId, q.asOf, scope, q.knownAt);
    // The ledger under the same scope and attribution as the summary: only the caller's units, kinds and their cases.
    const ledger = await this.clearance.ledger(campaignId, q.asOf, scope, q.knownAt);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="clearance-${campaignId}.xlsx"`);
    res.send(await clearanceWorkbook(report, ledger, (await this.campaigns.get(campaignId)).name, scope.unlistedKinds));
  }
}
