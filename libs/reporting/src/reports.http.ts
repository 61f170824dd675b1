import { Controller, Get, Inject, Injectable, OnModuleInit, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import type { ReadModelDb } from '@qf/projections';
import { ApiAnswer, CLOCK, Clock, DomainError, ProjectionsService, READ_MODEL_DB, ReadsFrom, Roles, ZONE, formatShanghai, queryRange } from '@qf/platform';
import { DirectoryService } from '@qf/directory';
import { DateTime } from 'luxon';
import { SANCTIONS_TABLE, SanctionRow, sanctionsProjection } from './four-forms/sanctions.projection';
import { fourFormsReport } from './four-forms/four-forms-report.query';

export class FourFormsQuery {
  @ApiPropertyOptional({ description: '起 (decidedAt ≥); a bare date is from the start of that Asia/Shanghai day; default: 1 January of the current year' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: '止 (decidedAt ≤); a bare date is through the end of that Asia/Shanghai day; default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: '单位 — the subjects\' units in this subtree' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/)
  unitId?: string;
}

@Injectable()
export class FourFormsService implements OnModuleInit {
  constructor(
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
  ) {}

  onModuleInit(): void {
    this.projections.register(sanctionsProjection);
  }

  async report(query: FourFormsQuery) {
    const now = this.clock.now();
    const range = queryRange(query);
    const from = range.from ?? DateTime.fromJSDate(now, { zone: ZONE }).startOf('year').toJSDate();
    const to = range.to ?? now;
    if (from.getTime() > to.getTime()) throw new DomainError('VALIDATION_FAILED', 'from is after to', [{ field: 'from', message: 'must not be after to' }]);
    const dir = this.directory.current();
    if (query.unitId && !dir.get(query.unitId)) throw new DomainError('NOT_FOUND', `unit ${query.unitId} not found`);
    let q = this.readModels.db.selectFrom(SANCTIONS_TABLE).select('doc').where('decided_at', '>=', from.toISOString()).where('decided_at', '<=', to.toISOString());
    if (query.unitId) q = q.where('unit_id', 'in', dir.subtree(query.unitId));
    const rows = (await q.execute()).map((r) => JSON.parse(r.doc as string) as SanctionRow);
    return fourFormsReport(rows, formatShanghai(from), formatShanghai(to), (id) => dir.get(id)?.name ?? id);
  }
}

/** 报表 — counts only, never clue contents (SPEC §5, §8). */
@ApiTags('reports 报表')
@ApiBearerAuth()
@ReadsFrom('report-sanctions')
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly fourForms: FourFormsService) {}

  @Get('four-forms')
  @ApiAnswer('FourFormsReport')
  @Roles('inspector', 'case_manager', 'leader')
  @ApiOperation({ summary: '四种形态统计 — person-times by form, measure and unit (counts only)' })
  fourFormsReport(@Query() query: FourFormsQuery) {
    return this.fourForms.report(query);
  }
}
