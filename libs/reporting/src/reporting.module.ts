import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { FourFormsService, ReportsController } from './reports.http';
import { RankingController } from './ranking/ranking.http';
import { RankingService } from './ranking/ranking.service';
import { RankingPublisher } from './ranking/ranking-publisher.service';

/** 报表 — reports projected from the case streams (SPEC §5–§7). */
@Module({
  imports: [DirectoryModule],
  controllers: [ReportsController, RankingController],
  providers: [FourFormsService, RankingService, RankingPublisher],
  exports: [RankingService, RankingPublisher],
})
export class ReportingModule {}
