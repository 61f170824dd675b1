import {
  ID,
  RECHECK,
  T_RECHECK_DECIDED,
  accepted,
  assigned,
  bureauSupervisor,
  closedByRecheck,
  communitySupervisor,
  ctx,
  districtSupervisor,
  handler,
  petition,
  recheckDecided,
  recheckRequested,
  registered,
  replied,
  reviewDecided,
  reviewRequested,
  streetSupervisor,
} from '../petition.fixtures';

const decideRecheck = { type: 'DecideRecheck' as const, result: 'upheld' as const, opinion: '维持复查意见。' };
const underRecheck = [registered, assigned, accepted, replied, reviewRequested, reviewDecided, recheckRequested];

describe('复核意见 DecideRecheck', () => {
  it('given a petition under recheck, when a supervisor above the handling unit decides, then it is rechecked and closed', () => {
    petition
      .given(...underRecheck)
      .when(decideRecheck, ctx(districtSupervisor, T_RECHECK_DECIDED))
      .then([
        { type: 'RecheckDecided', data: { id: ID, reviewerUnitId: 'U-QU', result: 'upheld', opinion: '维持复查意见。' } },
        { type: 'PetitionClosed', data: { id: ID, by: 'recheck' } },
      ]);
  });

  it('given a petition under recheck, when the parent\'s supervisor (who reviewed) decides, then it is rechecked too', () => {
    petition
      .given(...underRecheck)
      .when({ ...decideRecheck, result: 'changed' }, ctx(streetSupervisor, T_RECHECK_DECIDED))
      .then([
        { type: 'RecheckDecided', data: { id: ID, reviewerUnitId: 'U-JD-01', result: 'changed', opinion: '维持复查意见。' } },
        { type: 'PetitionClosed', data: { id: ID, by: 'recheck' } },
      ]);
  });

  it('given a rechecked petition, then it is closed and the recheck stage is met', () => {
    const { state } = petition.given(...underRecheck, recheckDecided, closedByRecheck);
    expect(state).toMatchObject({ status: 'closed', closedAt: T_RECHECK_DECIDED, recheck: { result: 'upheld', decidedAt: T_RECHECK_DECIDED } });
    expect(state.deadlines.find((d) => d.stage === 'recheck')).toEqual({ ...RECHECK, round: 1, state: 'met', closedAt: T_RECHECK_DECIDED });
  });

  it('given a petition under recheck, when a supervisor not above the handling unit decides, then it is forbidden', () => {
    petition.given(...underRecheck).when(decideRecheck, ctx(bureauSupervisor, T_RECHECK_DECIDED)).thenFails('FORBIDDEN', /above the handling unit/);
    petition.given(...underRecheck).when(decideRecheck, ctx(communitySupervisor, T_RECHECK_DECIDED)).thenFails('FORBIDDEN', /above the handling unit/);
  });

  it('given a petition under recheck, when someone who is no supervisor decides, then it is forbidden', () => {
    petition.given(...underRecheck).when(decideRecheck, ctx({ ...districtSupervisor, roles: ['leader'] }, T_RECHECK_DECIDED)).thenFails('FORBIDDEN');
    petition.given(...underRecheck).when(decideRecheck, ctx(handler, T_RECHECK_DECIDED)).thenFails('FORBIDDEN');
  });

  it('given a petition not under recheck, when a supervisor above decides, then the transition is invalid', () => {
    petition.given(registered, assigned, accepted, replied, reviewRequested, reviewDecided).when(decideRecheck, ctx(districtSupervisor, T_RECHECK_DECIDED)).thenFails('INVALID_TRANSITION', /recheck decision/);
    petition.given(...underRecheck, recheckDecided, closedByRecheck).when(decideRecheck, ctx(districtSupervisor, T_RECHECK_DECIDED)).thenFails('INVALID_TRANSITION', /closed/);
  });
});
