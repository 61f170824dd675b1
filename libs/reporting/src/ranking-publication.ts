import type { Recorded } from '@qf/kernel';
import type { RankingKind, RankingReport } from './ranking/ranking';

/**
 * 每月一通报 — a month's ranking of one kind, published at 02:00 Asia/Shanghai on the 1st of the next month and frozen:
 * one stream per kind and month, holding at most its one publication (SPEC §7).
 */
export const publishedStream = (kind: RankingKind, month: string) => `ranking-${kind}-${month}`;

/** 发布月度排名 — the ranking as computed at its publication, served unchanged from then on. */
export type RankingPublished = { type: 'RankingPublished'; data: RankingReport };

export type RankingPublicationEvent = RankingPublished;

export interface RankingPublication {
  published: boolean;
  /** The frozen ranking (`published: true`), null before the publication. */
  report: RankingReport | null;
}

export const initialRankingPublication = (): RankingPublication => ({ published: false, report: null });

export function evolve(state: RankingPublication, event: Recorded<RankingPublicationEvent>): RankingPublication {
  switch (event.type) {
    case 'RankingPublished':
      // The first publication is the one: a month is published once.
      return state.published ? state : { published: true, report: { ...event.data, published: true } };
    default: {
      const _exhaustive: never = event.type;
      return state;
    }
  }
}

export const rankingPublicationAggregate = { initialState: initialRankingPublication, evolve };
