import { ID, T0, DISPOSITION, REPORTER_NOTICE, allegations, clue, ctx, handler, inspector, leader, manager, operator, registerCommand, registered, sealedReporter, subjects, system } from '../clue.fixtures';

const NOW = '2026-03-16T09:00:00+08:00';

describe('线索登记 RegisterClue', () => {
  it('given nothing, when an inspector registers an anonymous clue, then only the disposition limit (1 calendar month) starts, at receipt', () => {
    const decided = clue
      .given()
      .when(registerCommand, ctx(inspector, NOW))
      .then([{ type: 'ClueRegistered', data: { id: ID, source: 'audit', sourceRef: null, reporter: null, subjects, allegations, category: 'integrity', deadlines: [DISPOSITION] } }]);
    expect(decided.occurredAt?.getTime()).toBe(Date.parse(T0));
  });

  it('given nothing, when a case manager registers a real-name reporter\'s clue, then the reporter_notice limit (15 working days) starts too', () => {
    clue
      .given()
      .when({ ...registerCommand, reporter: sealedReporter(true) }, ctx(manager, NOW))
      .then([{ type: 'ClueRegistered', data: { id: ID, source: 'audit', sourceRef: null, reporter: sealedReporter(true), subjects, allegations, category: 'integrity', deadlines: [DISPOSITION, REPORTER_NOTICE] } }]);
  });

  it('given nothing, when the reporter did not give their real name, then no reporter_notice limit starts', () => {
    clue
      .given()
      .when({ ...registerCommand, reporter: sealedReporter(false) }, ctx(inspector, NOW))
      .then([{ type: 'ClueRegistered', data: { id: ID, source: 'audit', sourceRef: null, reporter: sealedReporter(false), subjects, allegations, category: 'integrity', deadlines: [DISPOSITION] } }]);
  });

  it('given nothing, when an import was received on 01-31, then the decision carries that time, disposition ends with February (clamped) and reporter_notice counts the Spring Festival calendar', () => {
    // 1 calendar month from Sat 01-31 → the last day of February. 15 working days: 02-02…02-13 are 10, Sat 02-14 is a
    // swapped working day (调休, 11), 02-15…23 are the holiday, 02-24…27 are 12–15. Warnings at 80 % of each span.
    const start = '2026-01-31T10:00:00.000+08:00';
    clue
      .given()
      .when({ ...registerCommand, reporter: sealedReporter(true), receivedAt: new Date(start) }, ctx(inspector, NOW))
      .thenDecision((d) => {
        expect(d.occurredAt?.toISOString()).toBe('2026-01-31T02:00:00.000Z');
        expect((d.events[0].data as { deadlines: unknown }).deadlines).toEqual([
          { stage: 'disposition', startedAt: start, dueAt: '2026-02-28T23:59:59.999+08:00', warnAt: '2026-02-23T06:47:59.999+08:00' },
          { stage: 'reporter_notice', startedAt: start, dueAt: '2026-02-27T23:59:59.999+08:00', warnAt: '2026-02-22T11:35:59.999+08:00' },
        ]);
      });
  });

  it('given nothing, when receivedAt is in the future, then it is a rule violation', () => {
    clue.given().when({ ...registerCommand, receivedAt: new Date('2026-03-16T09:00:01+08:00') }, ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /future/);
  });

  it('given the clue, when the same id is registered again, then it is a rule violation', () => {
    clue.given(registered).when(registerCommand, ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /already exists/);
  });

  it('given nothing, when anyone but an inspector or case manager registers a clue, then it is forbidden', () => {
    for (const actor of [handler, leader, operator]) clue.given().when(registerCommand, ctx(actor, NOW)).thenFails('FORBIDDEN', /discipline inspectors/);
  });

  it('given nothing, when a work order\'s referral registers the clue on behalf of its operator, then it is registered (移送)', () => {
    const referral = { ...registerCommand, source: 'hotline' as const, sourceRef: 'hotline/RX-1', category: 'mass' as const, referred: true };
    clue
      .given()
      .when(referral, ctx(operator, NOW))
      .then([{ type: 'ClueRegistered', data: { id: ID, source: 'hotline', sourceRef: 'hotline/RX-1', reporter: null, subjects, allegations, category: 'mass', deadlines: [DISPOSITION] } }]);
  });

  it('given nothing, when level 3 of a ladder registers an accountability clue, then AccountabilityClueRegistered names its escalation', () => {
    const accountability = { ...registerCommand, source: 'supervision' as const, sourceRef: 'hotline/RX-1', category: 'work' as const, subjects: [], escalationId: 'esc-3', referred: true };
    clue
      .given()
      .when(accountability, ctx(system, NOW))
      .then([
        { type: 'ClueRegistered', data: { id: ID, source: 'supervision', sourceRef: 'hotline/RX-1', reporter: null, subjects: [], allegations, category: 'work', deadlines: [DISPOSITION] } },
        { type: 'AccountabilityClueRegistered', data: { escalationId: 'esc-3', clueId: ID } },
      ]);
  });
});
