import { campaign, campaignCreated, createQc, created, ctx } from '../campaign.fixtures';

describe('创建专项行动 CreateCampaign', () => {
  it('given no campaign, when it is created, then its definition is recorded with kinds and units once each, sorted', () => {
    campaign.given().when({ ...createQc, kinds: ['petition', 'hotline', 'petition'] }, ctx()).then([campaignCreated]);
  });

  it('without units, then the campaign covers all units (null)', () => {
    campaign
      .given()
      .when({ ...createQc, unitIds: undefined }, ctx())
      .thenDecision((d) => expect(d.events[0].data.unitIds).toBeNull());
  });

  it('given the campaign, when the same definition comes again (in any order), then nothing is appended', () => {
    campaign.given(created).when(createQc, ctx()).then([]);
    campaign.given(created).when({ ...createQc, kinds: ['hotline', 'petition'], unitIds: ['U-JD-01', 'U-JD-02', 'U-JD-01'] }, ctx()).then([]);
  });

  it('given the campaign, when another definition comes under its id, then it is a duplicate (409)', () => {
    campaign.given(created).when({ ...createQc, name: '另一个专项行动' }, ctx()).thenFails('DUPLICATE', /QC-2026 exists with another definition/);
  });

  it('when the baseline is not before the target, then it is a rule violation (422)', () => {
    campaign.given().when({ ...createQc, targetAt: createQc.baselineAt }, ctx()).thenFails('RULE_VIOLATION', /baselineAt must be before targetAt/);
  });
});
