import { ID, accepted, assigned, closedByBureau, ctx, officer, petition, registered, rejected, replied, reviewDecided, reviewRequested } from '../petition.fixtures';

const close = { type: 'ClosePetition' as const };
const NOW = '2026-04-15T09:00:00+08:00';

describe('办结 ClosePetition', () => {
  it('given an answered petition, when the bureau closes it, then it is closed (化解)', () => {
    petition.given(registered, assigned, accepted, replied).when(close, ctx(officer, NOW)).then([{ type: 'PetitionClosed', data: { id: ID, by: 'bureau' } }]);
    expect(petition.given(registered, assigned, accepted, replied, closedByBureau).state).toMatchObject({ status: 'closed', closedAt: '2026-04-15T09:00:00.000+08:00' });
  });

  it('given a reviewed petition, when the bureau closes it, then it is closed', () => {
    petition.given(registered, assigned, accepted, replied, reviewRequested, reviewDecided).when(close, ctx(officer, '2026-05-11T09:00:00+08:00')).then([{ type: 'PetitionClosed', data: { id: ID, by: 'bureau' } }]);
  });

  it('given a petition not answered, under review, not accepted or closed, when it is closed, then the transition is invalid', () => {
    petition.given(registered, assigned, accepted).when(close, ctx(officer, NOW)).thenFails('INVALID_TRANSITION', /close/);
    petition.given(registered, assigned, accepted, replied, reviewRequested).when(close, ctx(officer, NOW)).thenFails('INVALID_TRANSITION', /under_review/);
    petition.given(registered, assigned, rejected).when(close, ctx(officer, NOW)).thenFails('INVALID_TRANSITION', /not_accepted/);
    petition.given(registered, assigned, accepted, replied, closedByBureau).when(close, ctx(officer, NOW)).thenFails('INVALID_TRANSITION', /closed/);
  });

  it('given no petition, when it is closed, then it is not found', () => {
    petition.given().when(close, ctx(officer, NOW)).thenFails('NOT_FOUND');
  });
});
