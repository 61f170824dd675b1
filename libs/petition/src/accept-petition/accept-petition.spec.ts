import { HANDLE, ID, T_ACCEPTED, accepted, assigned, ctx, handler, head, officer, otherHandler, petition, registered, rejected, streetSupervisor } from '../petition.fixtures';

const accept = { type: 'AcceptPetition' as const };

describe('受理 AcceptPetition', () => {
  it('given an assigned petition, when its unit accepts it, then the 60-day handle limit runs to the end of 05-03', () => {
    petition.given(registered, assigned).when(accept, ctx(handler, T_ACCEPTED)).then([{ type: 'PetitionAccepted', data: { id: ID, unitId: 'U-JD-01-01', deadlines: [HANDLE] } }]);
  });

  it('given an assigned petition, when the unit head accepts it, then it is accepted too', () => {
    petition.given(registered, assigned).when(accept, ctx(head, T_ACCEPTED)).then([{ type: 'PetitionAccepted', data: { id: ID, unitId: 'U-JD-01-01', deadlines: [HANDLE] } }]);
  });

  it('given an assigned petition, when another unit accepts it, then it is forbidden', () => {
    petition.given(registered, assigned).when(accept, ctx(otherHandler, T_ACCEPTED)).thenFails('FORBIDDEN', /another unit/);
  });

  it('given an assigned petition, when someone who is no handler accepts it, then it is forbidden', () => {
    petition.given(registered, assigned).when(accept, ctx(officer, T_ACCEPTED)).thenFails('FORBIDDEN', /handling unit/);
    petition.given(registered, assigned).when(accept, ctx(streetSupervisor, T_ACCEPTED)).thenFails('FORBIDDEN', /handling unit/);
  });

  it('given a registered petition (no unit yet), when a unit accepts it, then it is forbidden', () => {
    petition.given(registered).when(accept, ctx(handler, T_ACCEPTED)).thenFails('FORBIDDEN');
  });

  it('given an accepted or not-accepted petition, when it is accepted, then the transition is invalid', () => {
    petition.given(registered, assigned, accepted).when(accept, ctx(handler, T_ACCEPTED)).thenFails('INVALID_TRANSITION', /accept/);
    petition.given(registered, assigned, rejected).when(accept, ctx(handler, T_ACCEPTED)).thenFails('INVALID_TRANSITION', /not_accepted/);
  });

  it('given no petition, when it is accepted, then it is not found', () => {
    petition.given().when(accept, ctx(handler, T_ACCEPTED)).thenFails('NOT_FOUND');
  });
});
