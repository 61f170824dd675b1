import { HANDLE, ID, T_REPLIED, accepted, assigned, ctx, extended, handler, officer, otherHandler, petition, registered, replied } from '../petition.fixtures';

const reply = { type: 'ReplyPetition' as const, result: 'supported' as const, opinion: '责成物业于三十日内修复电梯。' };

describe('答复 ReplyPetition', () => {
  it('given an accepted petition, when its unit answers, then it is replied', () => {
    petition.given(registered, assigned, accepted).when(reply, ctx(handler, T_REPLIED)).then([{ type: 'PetitionReplied', data: { id: ID, unitId: 'U-JD-01-01', result: 'supported', opinion: '责成物业于三十日内修复电梯。' } }]);
  });

  it('given an extended petition, when its unit answers, then it is replied and the (extended) handle stage is met', () => {
    petition.given(registered, assigned, accepted, extended).when(reply, ctx(handler, T_REPLIED)).then([{ type: 'PetitionReplied', data: { id: ID, unitId: 'U-JD-01-01', result: 'supported', opinion: '责成物业于三十日内修复电梯。' } }]);
    const { state } = petition.given(registered, assigned, accepted, replied);
    expect(state).toMatchObject({ status: 'replied', reply: { result: 'supported', repliedAt: T_REPLIED } });
    expect(state.deadlines.find((d) => d.stage === 'handle')).toEqual({ ...HANDLE, round: 1, state: 'met', closedAt: T_REPLIED });
  });

  it('given an accepted petition, when another unit or the bureau answers, then it is forbidden', () => {
    petition.given(registered, assigned, accepted).when(reply, ctx(otherHandler, T_REPLIED)).thenFails('FORBIDDEN', /another unit/);
    petition.given(registered, assigned, accepted).when(reply, ctx(officer, T_REPLIED)).thenFails('FORBIDDEN', /handling unit/);
  });

  it('given a petition not accepted yet, or answered already, when it is answered, then the transition is invalid', () => {
    petition.given(registered, assigned).when(reply, ctx(handler, T_REPLIED)).thenFails('INVALID_TRANSITION', /reply/);
    petition.given(registered, assigned, accepted, replied).when(reply, ctx(handler, T_REPLIED)).thenFails('INVALID_TRANSITION', /replied/);
  });
});
