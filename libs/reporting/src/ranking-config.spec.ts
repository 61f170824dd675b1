import { DEFAULT_LIST_SIZE, DEFAULT_WEIGHTS } from './ranking/ranking';
import { hotlineWeighted, rankingConfig } from './ranking-config.fixtures';

describe('排名权重 ranking configuration (evolve)', () => {
  it('holds the default weights until an admin sets them', () => {
    expect(rankingConfig.given().state.petition).toEqual({ weights: DEFAULT_WEIGHTS.petition, listSize: DEFAULT_LIST_SIZE });
  });

  it('a configuration replaces its kind only', () => {
    const state = rankingConfig.given(hotlineWeighted).state;
    expect(state.hotline).toEqual({ weights: hotlineWeighted.data.weights, listSize: 5 });
    expect(state.supervision).toEqual({ weights: DEFAULT_WEIGHTS.supervision, listSize: DEFAULT_LIST_SIZE });
  });
});
