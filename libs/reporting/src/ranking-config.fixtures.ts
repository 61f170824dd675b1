/** Shared givens of the ranking configuration specs. */
import { at, specOf } from '@qf/kernel/testing';
import { rankingConfigAggregate, type RankingConfig, type RankingConfigEvent } from './ranking-config';
import { decide, type RankingConfigCommand } from './ranking-config.decide';
import type { ReportingDecideContext } from './reporting-rules';

export { admin, ctx } from './campaign.fixtures';
export const rankingConfig = specOf<RankingConfig, RankingConfigEvent, RankingConfigCommand, ReportingDecideContext>(rankingConfigAggregate, decide);

export const hotlineWeighted = at<RankingConfigEvent>(
  { type: 'RankingConfigured', data: { kind: 'hotline', weights: { responseRate: 1, resolutionRate: 0, satisfactionRate: 0, onTimeRate: 0 }, listSize: 5 } },
  '2026-03-02T09:00:00.000+08:00',
);
