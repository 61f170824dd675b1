import { campaign, created } from './campaign.fixtures';

describe('专项行动 campaign (evolve)', () => {
  it('before its creation the campaign does not exist', () => {
    expect(campaign.given().state).toEqual({ exists: false, definition: null, createdAt: null });
  });

  it('once created it holds its definition and when it was created', () => {
    expect(campaign.given(created).state).toEqual({ exists: true, definition: created.data, createdAt: '2026-02-02T10:00:00.000+08:00' });
  });
});
