/** Shared givens of the ranking publication specs: the system's context and the February hotline ranking. */
import { SYSTEM_ACTOR } from '@qf/kernel';
import { at, specOf } from '@qf/kernel/testing';
import { rankingPublicationAggregate, type RankingPublication, type RankingPublicationEvent } from './ranking-publication';
import { decide, type RankingPublicationCommand } from './ranking-publication.decide';
import type { RankingReport } from './ranking/ranking';
import type { ReportingDecideContext } from './reporting-rules';

/** 02:00 on March 1st, when February is published. */
export const PUBLICATION = '2026-03-01T02:00:00.000+08:00';
export const system: ReportingDecideContext = { actor: SYSTEM_ACTOR, now: new Date(PUBLICATION) };
export const publication = specOf<RankingPublication, RankingPublicationEvent, RankingPublicationCommand, ReportingDecideContext>(rankingPublicationAggregate, decide);

const row = { unitId: 'U-JD-01', unitName: '东城街道', dispatched: 2, score: 75, rank: 1, previousRank: null, rankChange: null };
/** February's hotline ranking as computed live at its publication. */
export const february: RankingReport = {
  kind: 'hotline',
  month: '2026-02',
  published: false,
  generatedAt: PUBLICATION,
  weights: { responseRate: 0.3, resolutionRate: 0.35, satisfactionRate: 0.35, onTimeRate: 0 },
  rows: [row],
  top: [{ unitId: 'U-JD-01', unitName: '东城街道', rank: 1, score: 75 }],
  bottom: [{ unitId: 'U-JD-01', unitName: '东城街道', rank: 1, score: 75 }],
};
export const publishFebruary = { type: 'PublishRanking' as const, kind: 'hotline' as const, month: '2026-02', report: february };
export const published = at<RankingPublicationEvent>({ type: 'RankingPublished', data: { ...february, published: true } }, PUBLICATION);
