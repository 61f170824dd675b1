import { ACCEPT, ID, T_ACCEPTED, accepted, assigned, ctx, handler, officer, otherHandler, petition, registered, rejected } from '../petition.fixtures';

const reject = { type: 'RejectPetition' as const, reason: '已进入诉讼程序，依法不予受理' };

describe('不予受理 RejectPetition', () => {
  it('given an assigned petition, when its unit does not accept it, then it is not accepted', () => {
    petition.given(registered, assigned).when(reject, ctx(handler, T_ACCEPTED)).then([{ type: 'PetitionRejected', data: { id: ID, unitId: 'U-JD-01-01', reason: '已进入诉讼程序，依法不予受理' } }]);
  });

  it('given a rejected petition, then it is not_accepted and the accept stage is met', () => {
    const { state } = petition.given(registered, assigned, rejected);
    expect(state).toMatchObject({ status: 'not_accepted', rejection: { reason: '已进入诉讼程序，依法不予受理', rejectedAt: T_ACCEPTED } });
    expect(state.deadlines.find((d) => d.stage === 'accept')).toEqual({ ...ACCEPT, round: 1, state: 'met', closedAt: T_ACCEPTED });
  });

  it('given an assigned petition, when another unit or the bureau rejects it, then it is forbidden', () => {
    petition.given(registered, assigned).when(reject, ctx(otherHandler, T_ACCEPTED)).thenFails('FORBIDDEN', /another unit/);
    petition.given(registered, assigned).when(reject, ctx(officer, T_ACCEPTED)).thenFails('FORBIDDEN', /handling unit/);
  });

  it('given an accepted or not-accepted petition, when it is rejected, then the transition is invalid', () => {
    petition.given(registered, assigned, accepted).when(reject, ctx(handler, T_ACCEPTED)).thenFails('INVALID_TRANSITION', /reject/);
    petition.given(registered, assigned, rejected).when(reject, ctx(handler, T_ACCEPTED)).thenFails('INVALID_TRANSITION');
  });
});
