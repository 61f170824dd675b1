import {
  ID,
  REVIEW,
  T_REVIEW_DECIDED,
  accepted,
  assigned,
  ctx,
  districtSupervisor,
  handler,
  petition,
  registered,
  replied,
  reviewDecided,
  reviewRequested,
  streetSupervisor,
} from '../petition.fixtures';

const decideReview = { type: 'DecideReview' as const, result: 'upheld' as const, opinion: '维持原处理意见。' };
const underReview = [registered, assigned, accepted, replied, reviewRequested];

describe('复查意见 DecideReview', () => {
  it('given a petition under review, when the supervisor of the handling unit\'s parent decides, then it is reviewed', () => {
    petition.given(...underReview).when(decideReview, ctx(streetSupervisor, T_REVIEW_DECIDED)).then([{ type: 'ReviewDecided', data: { id: ID, reviewerUnitId: 'U-JD-01', result: 'upheld', opinion: '维持原处理意见。' } }]);
  });

  it('given a reviewed petition, then the review stage is met and the decision recorded', () => {
    const { state } = petition.given(...underReview, reviewDecided);
    expect(state).toMatchObject({ status: 'reviewed', review: { result: 'upheld', opinion: '维持原处理意见。', decidedAt: T_REVIEW_DECIDED } });
    expect(state.deadlines.find((d) => d.stage === 'review')).toEqual({ ...REVIEW, round: 1, state: 'met', closedAt: T_REVIEW_DECIDED });
  });

  it('given a petition under review, when a supervisor of another unit (even the district) decides, then it is forbidden', () => {
    petition.given(...underReview).when(decideReview, ctx(districtSupervisor, T_REVIEW_DECIDED)).thenFails('FORBIDDEN', /parent/);
  });

  it('given a petition under review, when someone who is no supervisor decides (though of the parent unit), then it is forbidden', () => {
    petition.given(...underReview).when(decideReview, ctx(handler, T_REVIEW_DECIDED)).thenFails('FORBIDDEN', /parent/);
    petition.given(...underReview).when(decideReview, ctx({ ...streetSupervisor, roles: ['unit_head'] }, T_REVIEW_DECIDED)).thenFails('FORBIDDEN', /parent/);
  });

  it('given a petition not under review, when the right supervisor decides, then the transition is invalid', () => {
    petition.given(registered, assigned, accepted, replied).when(decideReview, ctx(streetSupervisor, T_REVIEW_DECIDED)).thenFails('INVALID_TRANSITION', /review decision/);
    petition.given(...underReview, reviewDecided).when(decideReview, ctx(streetSupervisor, T_REVIEW_DECIDED)).thenFails('INVALID_TRANSITION', /reviewed/);
  });
});
