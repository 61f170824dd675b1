import { ID, RECHECK, T_RECHECK_REQUESTED, accepted, assigned, ctx, officer, petition, recheckRequested, registered, replied, reviewDecided, reviewRequested } from '../petition.fixtures';

const recheck = { type: 'RequestRecheck' as const, reason: '对复查意见不服' };
const reviewed = [registered, assigned, accepted, replied, reviewRequested, reviewDecided];

describe('复核申请 RequestRecheck', () => {
  it('given a reviewed petition, when a recheck is requested, then it is under recheck and the 30-day recheck limit runs to the end of 06-19', () => {
    petition.given(...reviewed).when(recheck, ctx(officer, T_RECHECK_REQUESTED)).then([{ type: 'RecheckRequested', data: { id: ID, reason: '对复查意见不服', deadlines: [RECHECK] } }]);
    expect(petition.given(...reviewed, recheckRequested).state).toMatchObject({ status: 'under_recheck', recheck: { reason: '对复查意见不服', requestedAt: T_RECHECK_REQUESTED, result: null } });
  });

  it('given a review decided on 05-10, when a recheck is requested at the last moment of the 30th day (06-09), then it is accepted', () => {
    petition
      .given(...reviewed)
      .when(recheck, ctx(officer, '2026-06-09T23:59:59.999+08:00'))
      .then([{ type: 'RecheckRequested', data: { id: ID, reason: '对复查意见不服', deadlines: [{ stage: 'recheck', startedAt: '2026-06-09T23:59:59.999+08:00', dueAt: '2026-07-09T23:59:59.999+08:00', warnAt: '2026-07-03T23:59:59.999+08:00' }] } }]);
  });

  it('given a review decided on 05-10, when a recheck is requested on 06-10, then it is a rule violation (30 days of the review decision)', () => {
    petition.given(...reviewed).when(recheck, ctx(officer, '2026-06-10T00:00:00+08:00')).thenFails('RULE_VIOLATION', /within 30 days of the review decision/);
  });

  it('given a petition not reviewed (answered, under review, under recheck), when a recheck is requested, then the transition is invalid', () => {
    petition.given(registered, assigned, accepted, replied).when(recheck, ctx(officer, T_RECHECK_REQUESTED)).thenFails('INVALID_TRANSITION', /recheck request/);
    petition.given(registered, assigned, accepted, replied, reviewRequested).when(recheck, ctx(officer, T_RECHECK_REQUESTED)).thenFails('INVALID_TRANSITION', /under_review/);
    petition.given(...reviewed, recheckRequested).when(recheck, ctx(officer, T_RECHECK_REQUESTED)).thenFails('INVALID_TRANSITION', /under_recheck/);
  });
});
