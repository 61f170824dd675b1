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

  it('when its times carry no offset, then they are Asia/Shanghai times: a bare baseline date its start, a target date its end', () => {
    campaign
      .given()
      .when({ ...createQc, baselineAt: '2026-03-01', targetAt: '2026-06-30' }, ctx())
      .thenDecision((d) => expect(d.events[0].data).toMatchObject({ baselineAt: '2026-03-01T00:00:00.000+08:00', targetAt: '2026-06-30T23:59:59.999+08:00' }));
    campaign
      .given()
      .when({ ...createQc, baselineAt: '2026-03-01T08:00:00' }, ctx())
      .thenDecision((d) => expect(d.events[0].data.baselineAt).toBe('2026-03-01T08:00:00.000+08:00'));
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
