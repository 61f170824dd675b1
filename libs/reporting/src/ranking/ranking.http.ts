import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';
import { ApiAnswer, ReadsFrom, Roles } from '@qf/platform';
import { RANKING_KINDS, RankingKind } from './ranking';
import { RankingService } from './ranking.service';
import { RankingConfigService } from './ranking-config.service';
import { rankingCsv, rankingXlsx } from './ranking-export';

export class RankingQuery {
  @ApiProperty({ description: '月份 YYYY-MM (Asia/Shanghai)', example: '2026-03' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({ enum: RANKING_KINDS, default: 'hotline' })
  @IsOptional()
  @IsIn(RANKING_KINDS as unknown as string[])
  kind?: RankingKind;

  @ApiPropertyOptional({ description: 'true: the frozen ranking published at 02:00 on the 1st of the next month (404 before)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  published?: boolean;

  @ApiPropertyOptional({
    description:
      '截至记录时间 — count only events recorded at or before this time, so the answer never changes (SPEC §3); "due time has passed" is judged at ' +
      'this time. With published=true: 404 unless it was published by then. A time after now means now.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  knownAt?: string;
}

/**
 * 每月一排名、每月一通报 (SPEC §7). A ranking compares units and is published district-wide (通报); it holds no case
 * contents or personal data, so every permitted role reads the whole table, and the exports hold exactly the rows of
 * the JSON view for the same query. Setting the weights is its slice's route (configure-ranking/).
 */
@ApiTags('reports 报表')
@ApiBearerAuth()
@ReadsFrom('report-hotline-facts', 'report-petition-facts', 'report-escalation-facts')
@Controller('api/reports')
export class RankingController {
  constructor(
    private readonly rankings: RankingService,
    private readonly configs: RankingConfigService,
  ) {}

  @Get('monthly-ranking')
  @ApiAnswer('RankingReport')
  @Roles('leader', 'supervisor', 'admin')
  @ApiOperation({ summary: '月度排名 — rates with denominators, score, rank, previous rank, 红榜/黑榜' })
  ranking(@Query() q: RankingQuery) {
    return this.rankings.ranking(q.kind ?? 'hotline', q.month, q.published ?? false, q.knownAt);
  }

  @Get('monthly-ranking.csv')
  @Roles('leader', 'supervisor', 'admin')
  @ApiOperation({ summary: '月度排名 (CSV, Chinese headers)' })
  async csv(@Query() q: RankingQuery, @Res() res: Response) {
    const report = await this.rankings.ranking(q.kind ?? 'hotline', q.month, q.published ?? false, q.knownAt);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="ranking-${report.kind}-${report.month}.csv"`);
    res.send(rankingCsv(report));
  }

  @Get('monthly-ranking.xlsx')
  @Roles('leader', 'supervisor', 'admin')
  @ApiOperation({ summary: '月度排名 (Excel workbook)' })
  async xlsx(@Query() q: RankingQuery, @Res() res: Response) {
    const report = await this.rankings.ranking(q.kind ?? 'hotline', q.month, q.published ?? false, q.knownAt);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="ranking-${report.kind}-${report.month}.xlsx"`);
    res.send(await rankingXlsx(report));
  }

  @Get('weights')
  @ApiAnswer('RankingSettingsByKind')
  @Roles('admin', 'leader')
  @ApiOperation({ summary: '排名权重 — the weights and list size of each ranking' })
  weights() {
    return this.configs.config();
  }
}
