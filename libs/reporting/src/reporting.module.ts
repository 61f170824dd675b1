import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { FourFormsService, ReportsController } from './reports.http';
import { RankingController } from './ranking/ranking.http';
import { RankingService } from './ranking/ranking.service';
import { RankingConfigService } from './ranking/ranking-config.service';
import { HotlineRankingQuery } from './ranking/hotline-ranking.query';
import { PetitionRankingQuery } from './ranking/petition-ranking.query';
import { SupervisionRankingQuery } from './ranking/supervision-ranking.query';
import { RankingPublisher } from './ranking/ranking-publisher.service';
import { CampaignsController } from './clearance/clearance.http';
import { CampaignsService } from './clearance/campaigns.service';
import { ClearanceService } from './clearance/clearance.service';
import { CreateCampaignController } from './create-campaign/create-campaign.http';
import { ConfigureRankingController } from './configure-ranking/configure-ranking.http';

/** 报表 — reports projected from the case streams (SPEC §5–§7). */
@Module({
  imports: [DirectoryModule],
  // Each command's route lives in its slice (PublishRanking has none: the publisher runs it); the queries in the *.http.ts files.
  controllers: [ReportsController, RankingController, ConfigureRankingController, CreateCampaignController, CampaignsController],
  providers: [
    FourFormsService,
    RankingConfigService,
    HotlineRankingQuery,
    PetitionRankingQuery,
    SupervisionRankingQuery,
    RankingService,
    RankingPublisher,
    // ClearanceService first: the read models register in the order /health/ready and the rebuild have always listed them.
    ClearanceService,
    CampaignsService,
  ],
  exports: [RankingService, RankingConfigService, RankingPublisher, CampaignsService, ClearanceService],
})
export class ReportingModule {}
