import { ctx, hotlineWeighted, rankingConfig } from '../ranking-config.fixtures';

const configure = (weights: Record<string, number>, listSize = 3) => ({ type: 'ConfigureRanking' as const, kind: 'hotline' as const, weights, listSize });

describe('设置排名权重 ConfigureRanking', () => {
  it('when an admin sets some rates, then every rate of the kind is recorded, those left out at 0', () => {
    rankingConfig
      .given()
      .when(configure({ responseRate: 0.5, satisfactionRate: 0.5 }, 5), ctx())
      .then([{ type: 'RankingConfigured', data: { kind: 'hotline', weights: { responseRate: 0.5, resolutionRate: 0, satisfactionRate: 0.5, onTimeRate: 0 }, listSize: 5 } }]);
  });

  it('given a configuration, when the next one comes, then it is recorded too (the last applies)', () => {
    rankingConfig
      .given(hotlineWeighted)
      .when(configure({ responseRate: 1, resolutionRate: 1, satisfactionRate: 1, onTimeRate: 1 }), ctx())
      .then([{ type: 'RankingConfigured', data: { kind: 'hotline', weights: { responseRate: 1, resolutionRate: 1, satisfactionRate: 1, onTimeRate: 1 }, listSize: 3 } }]);
  });

  it('when a rate is not one of the kind, then validation fails (400)', () => {
    rankingConfig.given().when(configure({ responseRate: 1, closeRate: 1 }), ctx()).thenFails('VALIDATION_FAILED', /unknown rates for hotline: closeRate/);
  });

  it('when a weight is negative, above 1000 or not a number, then validation fails (400)', () => {
    rankingConfig.given().when(configure({ responseRate: -1 }), ctx()).thenFails('VALIDATION_FAILED', /weights must be numbers/);
    rankingConfig.given().when(configure({ responseRate: 1001 }), ctx()).thenFails('VALIDATION_FAILED');
    rankingConfig.given().when(configure({ responseRate: '1' as unknown as number }), ctx()).thenFails('VALIDATION_FAILED');
  });

  it('when every weight is 0, then it is a rule violation (422)', () => {
    rankingConfig.given().when(configure({ responseRate: 0, onTimeRate: 0 }), ctx()).thenFails('RULE_VIOLATION', /at least one weight must be above 0/);
    rankingConfig.given().when(configure({}), ctx()).thenFails('RULE_VIOLATION');
  });
});
