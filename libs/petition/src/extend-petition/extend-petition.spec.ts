import { EXTENDED_HANDLE, HANDLE, ID, T_EXTENDED, accepted, assigned, ctx, extended, handler, officer, otherHandler, petition, registered, replied } from '../petition.fixtures';

const extend = (days: number) => ({ type: 'ExtendPetition' as const, days, reason: '需委托第三方检测电梯' });

describe('延期 ExtendPetition', () => {
  it('given an accepted petition, when its unit extends by 10 days, then handle moves from the end of 05-03 to the end of 05-13, its warning from the same start', () => {
    petition
      .given(registered, assigned, accepted)
      .when(extend(10), ctx(handler, T_EXTENDED))
      .then([{ type: 'PetitionExtended', data: { id: ID, unitId: 'U-JD-01-01', days: 10, reason: '需委托第三方检测电梯', handleDueAt: EXTENDED_HANDLE.dueAt, handleWarnAt: EXTENDED_HANDLE.warnAt } }]);
  });

  it('given an accepted petition, when its unit extends by the most, 30 days, then handle runs to the end of 06-02', () => {
    // 03-04 09:00 → 06-02 23:59:59.999 is 90 d 14:59:59.999; 80 % of it is 72 d 11:59:59.999.
    petition
      .given(registered, assigned, accepted)
      .when(extend(30), ctx(handler, T_EXTENDED))
      .then([{ type: 'PetitionExtended', data: { id: ID, unitId: 'U-JD-01-01', days: 30, reason: '需委托第三方检测电梯', handleDueAt: '2026-06-02T23:59:59.999+08:00', handleWarnAt: '2026-05-15T20:59:59.999+08:00' } }]);
  });

  it('given an extended petition, then its pending handle deadline has the new due and warning times', () => {
    const { state } = petition.given(registered, assigned, accepted, extended);
    expect(state.extension).toEqual({ days: 10, reason: '需委托第三方检测电梯' });
    expect(state.deadlines.find((d) => d.stage === 'handle')).toEqual({ ...HANDLE, ...EXTENDED_HANDLE, round: 1, state: 'pending', closedAt: null });
  });

  it('given an extended petition, when it is extended again, then it is a rule violation (at most once)', () => {
    petition.given(registered, assigned, accepted, extended).when(extend(5), ctx(handler, '2026-04-20T09:00:00+08:00')).thenFails('RULE_VIOLATION', /only once/);
  });

  it('given an accepted petition, when the extension is under 1 or over 30 days, then it is a rule violation', () => {
    petition.given(registered, assigned, accepted).when(extend(31), ctx(handler, T_EXTENDED)).thenFails('RULE_VIOLATION', /1–30/);
    petition.given(registered, assigned, accepted).when(extend(0), ctx(handler, T_EXTENDED)).thenFails('RULE_VIOLATION', /1–30/);
    petition.given(registered, assigned, accepted).when(extend(2.5), ctx(handler, T_EXTENDED)).thenFails('RULE_VIOLATION', /1–30/);
  });

  it('given an accepted petition, when another unit or the bureau extends it, then it is forbidden', () => {
    petition.given(registered, assigned, accepted).when(extend(10), ctx(otherHandler, T_EXTENDED)).thenFails('FORBIDDEN', /another unit/);
    petition.given(registered, assigned, accepted).when(extend(10), ctx(officer, T_EXTENDED)).thenFails('FORBIDDEN', /handling unit/);
  });

  it('given a petition not yet accepted or already answered, when it is extended, then the transition is invalid', () => {
    petition.given(registered, assigned).when(extend(10), ctx(handler, T_EXTENDED)).thenFails('INVALID_TRANSITION', /extend/);
    petition.given(registered, assigned, accepted, replied).when(extend(10), ctx(handler, T_EXTENDED)).thenFails('INVALID_TRANSITION', /replied/);
  });
});
