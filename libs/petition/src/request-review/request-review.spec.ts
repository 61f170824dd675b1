import { ID, REVIEW, T_REVIEW_REQUESTED, accepted, assigned, closedByBureau, ctx, officer, petition, registered, replied, reviewRequested } from '../petition.fixtures';

const review = { type: 'RequestReview' as const, reason: '物业仍未修复' };

describe('复查申请 RequestReview', () => {
  it('given an answered petition, when a review is requested, then it is under review and the 30-day review limit runs to the end of 05-20', () => {
    petition.given(registered, assigned, accepted, replied).when(review, ctx(officer, T_REVIEW_REQUESTED)).then([{ type: 'ReviewRequested', data: { id: ID, reason: '物业仍未修复', deadlines: [REVIEW] } }]);
    expect(petition.given(registered, assigned, accepted, replied, reviewRequested).state).toMatchObject({ status: 'under_review', review: { reason: '物业仍未修复', requestedAt: T_REVIEW_REQUESTED, result: null } });
  });

  it('given an answer of 04-10, when a review is requested at the last moment of the 30th day (05-10), then it is accepted', () => {
    petition
      .given(registered, assigned, accepted, replied)
      .when(review, ctx(officer, '2026-05-10T23:59:59.999+08:00'))
      .then([{ type: 'ReviewRequested', data: { id: ID, reason: '物业仍未修复', deadlines: [{ stage: 'review', startedAt: '2026-05-10T23:59:59.999+08:00', dueAt: '2026-06-09T23:59:59.999+08:00', warnAt: '2026-06-03T23:59:59.999+08:00' }] } }]);
  });

  it('given an answer of 04-10, when a review is requested on 05-11, then it is a rule violation (30 days of the answer)', () => {
    petition.given(registered, assigned, accepted, replied).when(review, ctx(officer, '2026-05-11T00:00:00+08:00')).thenFails('RULE_VIOLATION', /within 30 days of the answer/);
  });

  it('given a petition not answered, under review or closed, when a review is requested, then the transition is invalid', () => {
    petition.given(registered, assigned, accepted).when(review, ctx(officer, T_REVIEW_REQUESTED)).thenFails('INVALID_TRANSITION', /review request/);
    petition.given(registered, assigned, accepted, replied, reviewRequested).when(review, ctx(officer, T_REVIEW_REQUESTED)).thenFails('INVALID_TRANSITION', /under_review/);
    petition.given(registered, assigned, accepted, replied, closedByBureau).when(review, ctx(officer, T_REVIEW_REQUESTED)).thenFails('INVALID_TRANSITION', /closed/);
  });
});
