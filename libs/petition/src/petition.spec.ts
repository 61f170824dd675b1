import {
  ACCEPT,
  ASSIGN,
  EXTENDED_HANDLE,
  HANDLE,
  RECHECK,
  REVIEW,
  T_ACCEPTED,
  T_ASSIGNED,
  T_RECHECK_DECIDED,
  T_REGISTERED,
  T_REPLIED,
  T_REVIEW_DECIDED,
  accepted,
  assigned,
  closedByRecheck,
  extended,
  petition,
  recheckDecided,
  recheckRequested,
  registered,
  rejected,
  replied,
  reviewDecided,
  reviewRequested,
} from './petition.fixtures';

/** evolve: the lifecycles a petition's events fold to (each command's own spec sits in its slice). */
describe('信访件 petition evolve', () => {
  it('folds register → assign → accept → extend → reply → review → recheck into a closed petition, every stage met by its due time', () => {
    const { state } = petition.given(registered, assigned, accepted, extended, replied, reviewRequested, reviewDecided, recheckRequested, recheckDecided, closedByRecheck);
    expect(state).toMatchObject({
      exists: true,
      status: 'closed',
      unitId: 'U-JD-01-01',
      assignMode: 'assign',
      receivedAt: T_REGISTERED,
      repeatOf: null,
      extension: { days: 10, reason: '需委托第三方检测电梯' },
      reply: { result: 'supported', repliedAt: T_REPLIED },
      review: { result: 'upheld', decidedAt: T_REVIEW_DECIDED },
      recheck: { result: 'upheld', decidedAt: T_RECHECK_DECIDED },
      closedAt: T_RECHECK_DECIDED,
    });
    expect(state.deadlines).toEqual([
      // assign 15 days from 03-02 09:00, accept 15 days from 03-03 10:00, handle 60 (+10) days from 03-04 09:00,
      // review and recheck 30 days from their requests; warnings at 80 % of each.
      { ...ASSIGN, round: 1, state: 'met', closedAt: T_ASSIGNED },
      { ...ACCEPT, round: 1, state: 'met', closedAt: T_ACCEPTED },
      { ...HANDLE, dueAt: '2026-05-13T23:59:59.999+08:00', warnAt: '2026-04-29T20:59:59.999+08:00', round: 1, state: 'met', closedAt: T_REPLIED },
      { ...REVIEW, dueAt: '2026-05-20T23:59:59.999+08:00', round: 1, state: 'met', closedAt: T_REVIEW_DECIDED },
      { ...RECHECK, dueAt: '2026-06-19T23:59:59.999+08:00', round: 1, state: 'met', closedAt: T_RECHECK_DECIDED },
    ]);
    expect(EXTENDED_HANDLE).toEqual({ dueAt: '2026-05-13T23:59:59.999+08:00', warnAt: '2026-04-29T20:59:59.999+08:00' });
    expect(state.deadlines.map((d) => d.dueAt)).toEqual([
      '2026-03-17T23:59:59.999+08:00',
      '2026-03-18T23:59:59.999+08:00',
      '2026-05-13T23:59:59.999+08:00',
      '2026-05-20T23:59:59.999+08:00',
      '2026-06-19T23:59:59.999+08:00',
    ]);
  });

  it('folds register → assign → reject into a not-accepted petition: assign and accept met, no handling stage', () => {
    const { state } = petition.given(registered, assigned, rejected);
    expect(state.status).toBe('not_accepted');
    expect(state.deadlines.map((d) => `${d.stage}:${d.state}`)).toEqual(['assign:met', 'accept:met']);
  });

  it('before any event there is no petition', () => {
    expect(petition.given().state).toMatchObject({ exists: false, status: 'registered', deadlines: [] });
  });
});
