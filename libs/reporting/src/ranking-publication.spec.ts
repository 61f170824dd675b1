import { at } from '@qf/kernel/testing';
import { february, publication, published } from './ranking-publication.fixtures';

describe('每月一通报 ranking publication (evolve)', () => {
  it('before its publication a month has no frozen ranking', () => {
    expect(publication.given().state).toEqual({ published: false, report: null });
  });

  it('once published the ranking is frozen as published; a later event never replaces it', () => {
    const later = at({ ...published, data: { ...february, generatedAt: '2026-03-02T02:00:00.000+08:00', published: true } }, '2026-03-02T02:00:00.000+08:00');
    expect(publication.given(published, later).state).toEqual({ published: true, report: { ...february, published: true } });
  });
});
