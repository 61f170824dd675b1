import { ID, assigned, ctx, officer, petition, registered } from '../petition.fixtures';

const subjects = [{ name: '张某', unitId: 'U-JD-01-01', rank: 'general' as const, partyMember: true }];

describe('移送纪检监察 ReferPetition', () => {
  it('given a petition, when it is referred, then the referral names the allocated clue and the people it is about', () => {
    petition
      .given(registered, assigned)
      .when({ type: 'ReferPetition', clueId: 'XS20260305-0001', reason: '社区干部收受物业好处', subjects }, ctx(officer, '2026-03-05T09:00:00+08:00'))
      .then([{ type: 'PetitionReferred', data: { id: ID, clueId: 'XS20260305-0001', reason: '社区干部收受物业好处', subjects } }]);
  });

  it('given a referred petition, then it lists the clue', () => {
    const referred = { type: 'PetitionReferred' as const, data: { id: ID, clueId: 'XS20260305-0001', reason: '社区干部收受物业好处', subjects } };
    expect(petition.given(registered, assigned, referred).state.referredClues).toEqual(['XS20260305-0001']);
  });

  it('given no petition, when it is referred, then it is not found', () => {
    petition.given().when({ type: 'ReferPetition', clueId: 'XS1', reason: '社区干部收受物业好处', subjects }, ctx(officer, '2026-03-05T09:00:00+08:00')).thenFails('NOT_FOUND');
  });
});
