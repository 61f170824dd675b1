import { ACCEPT, ASSIGN, ID, T_ASSIGNED, accepted, assigned, ctx, officer, petition, registered } from '../petition.fixtures';

describe('转送/交办 AssignPetition', () => {
  it('given a registered petition, when the bureau assigns it, then it goes to the unit and its 15-day accept limit runs to the end of 03-18', () => {
    petition
      .given(registered)
      .when({ type: 'AssignPetition', unitId: 'U-JD-01-01', mode: 'assign' }, ctx(officer, T_ASSIGNED))
      .then([{ type: 'PetitionAssigned', data: { id: ID, unitId: 'U-JD-01-01', mode: 'assign', deadlines: [ACCEPT] } }]);
  });

  it('given an assigned petition, then the assign stage is met and the accept stage runs', () => {
    const { state } = petition.given(registered, assigned);
    expect(state).toMatchObject({ status: 'assigned', unitId: 'U-JD-01-01', assignMode: 'assign' });
    expect(state.deadlines).toEqual([
      { ...ASSIGN, round: 1, state: 'met', closedAt: T_ASSIGNED },
      { ...ACCEPT, round: 1, state: 'pending', closedAt: null },
    ]);
  });

  it('given an assigned or accepted petition, when it is assigned again, then the transition is invalid', () => {
    petition.given(registered, assigned).when({ type: 'AssignPetition', unitId: 'U-BM-ZJ', mode: 'forward' }, ctx(officer, T_ASSIGNED)).thenFails('INVALID_TRANSITION', /assign/);
    petition.given(registered, assigned, accepted).when({ type: 'AssignPetition', unitId: 'U-BM-ZJ', mode: 'forward' }, ctx(officer, T_ASSIGNED)).thenFails('INVALID_TRANSITION');
  });

  it('given no petition, when it is assigned, then it is not found', () => {
    petition.given().when({ type: 'AssignPetition', unitId: 'U-BM-ZJ', mode: 'forward' }, ctx(officer, T_ASSIGNED)).thenFails('NOT_FOUND');
  });
});
