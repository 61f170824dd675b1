import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { FourFormsService, ReportsController } from './reports.http';
import { RankingController } from './ranking/ranking.http';
import { RankingService } from './ranking/ranking.service';
import { RankingPublisher } from './ranking/ranking-publisher.service';
import { CampaignsController } from './clearance/clearance.http';
import { ClearanceService } from './clearance/clearance.service';

/** 报表 — reports projected from the case streams (SPEC §5–§7). */
@Module({
  imports: [DirectoryModule],
  controllers: [ReportsController, RankingController, CampaignsController],
  providers: [FourFormsService, RankingService, RankingPublisher, ClearanceService],
  exports: [RankingService, RankingPublisher, ClearanceService],
})
export class ReportingModule {}
