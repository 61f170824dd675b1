import type { Recorded } from '@qf/kernel';
import { DEFAULT_LIST_SIZE, DEFAULT_WEIGHTS, type RankingKind, type Weights } from './ranking/ranking';

/** 排名权重 — the admin's weights and list size of each ranking (SPEC §7), one stream for all kinds. */
export const RANKING_CONFIG_STREAM = 'ranking-config';

/** 设置排名权重 — the weights (every rate of the kind, 0 for those left out) and the 红榜/黑榜 size of one kind. */
export type RankingConfigured = { type: 'RankingConfigured'; data: { kind: RankingKind; weights: Weights; listSize: number } };

export type RankingConfigEvent = RankingConfigured;

export type RankingConfig = Record<RankingKind, { weights: Weights; listSize: number }>;

/** The defaults until an admin sets the weights (ranking.ts). */
export const initialRankingConfig = (): RankingConfig => ({
  hotline: { weights: DEFAULT_WEIGHTS.hotline, listSize: DEFAULT_LIST_SIZE },
  petition: { weights: DEFAULT_WEIGHTS.petition, listSize: DEFAULT_LIST_SIZE },
  supervision: { weights: DEFAULT_WEIGHTS.supervision, listSize: DEFAULT_LIST_SIZE },
});

export function evolve(state: RankingConfig, event: Recorded<RankingConfigEvent> | RankingConfigEvent): RankingConfig {
  switch (event.type) {
    case 'RankingConfigured':
      return { ...state, [event.data.kind]: { weights: event.data.weights, listSize: event.data.listSize } };
    default: {
      const _exhaustive: never = event.type;
      return state;
    }
  }
}

export const rankingConfigAggregate = { initialState: initialRankingConfig, evolve };
