import { ID, accepted, assigned, bureauSupervisor, closedByBureau, ctx, districtSupervisor, petition, registered, rejected, replied, streetSupervisor } from '../petition.fixtures';

const lead = { type: 'LeadPetition' as const, leaderName: '李副区长' };
const NOW = '2026-04-01T09:00:00+08:00';

describe('包案 LeadPetition', () => {
  it('given an accepted petition, when a supervisor whose subtree holds the handling unit marks it led, then it is led', () => {
    petition.given(registered, assigned, accepted).when(lead, ctx(districtSupervisor, NOW)).then([{ type: 'PetitionLed', data: { id: ID, leaderName: '李副区长', supervisorUnitId: 'U-QU' } }]);
    petition.given(registered, assigned).when(lead, ctx(streetSupervisor, NOW)).then([{ type: 'PetitionLed', data: { id: ID, leaderName: '李副区长', supervisorUnitId: 'U-JD-01' } }]);
  });

  it('given a led petition, then it records its leader', () => {
    const led = { type: 'PetitionLed' as const, data: { id: ID, leaderName: '李副区长', supervisorUnitId: 'U-QU' } };
    expect(petition.given(registered, assigned, accepted, led).state.ledBy).toBe('李副区长');
  });

  it('given an accepted petition, when a supervisor outside the handling unit\'s line marks it led, then it is forbidden', () => {
    petition.given(registered, assigned, accepted).when(lead, ctx(bureauSupervisor, NOW)).thenFails('FORBIDDEN', /outside your supervision/);
  });

  it('given a petition not yet assigned, then no unit is in charge and it is forbidden', () => {
    petition.given(registered).when(lead, ctx(districtSupervisor, NOW)).thenFails('FORBIDDEN', /outside your supervision/);
  });

  it('given a closed or not-accepted petition, when it is marked led, then the transition is invalid', () => {
    petition.given(registered, assigned, accepted, replied, closedByBureau).when(lead, ctx(districtSupervisor, NOW)).thenFails('INVALID_TRANSITION', /closed/);
    petition.given(registered, assigned, rejected).when(lead, ctx(districtSupervisor, NOW)).thenFails('INVALID_TRANSITION', /not_accepted/);
  });
});
