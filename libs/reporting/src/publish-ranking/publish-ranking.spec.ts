import { february, publication, publishFebruary, published, system } from '../ranking-publication.fixtures';

describe('发布月度排名 PublishRanking', () => {
  it('given an unpublished month, when the publisher publishes it, then the ranking is frozen as published', () => {
    publication.given().when(publishFebruary, system).then([{ type: 'RankingPublished', data: { ...february, published: true } }]);
  });

  it('given a published month, when it is published again, then nothing is appended', () => {
    publication.given(published).when({ ...publishFebruary, report: { ...february, generatedAt: '2026-03-02T02:00:00.000+08:00' } }, system).then([]);
  });

  it('when the report is of another month or kind, then it is a rule violation', () => {
    publication.given().when({ ...publishFebruary, month: '2026-03' }, system).thenFails('RULE_VIOLATION', /not the hotline ranking of 2026-03/);
  });
});
