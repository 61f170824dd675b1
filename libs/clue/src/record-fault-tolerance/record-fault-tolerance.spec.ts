import { ID, clue, closed, ctx, handler, held, inquiry, inspector, registered, verifying } from '../clue.fixtures';

const NOW = '2026-04-22T10:00:00+08:00';
const tolerate = (subjectIndex = 0) => ({ type: 'RecordFaultTolerance' as const, subjectIndex, reason: '改革探索中出现失误，符合容错情形' });

describe('容错免责 RecordFaultTolerance', () => {
  it('given a disposed clue (in inquiry, verifying, held or concluded), when fault tolerance is recorded, then it is', () => {
    for (const disposed of [inquiry, verifying, held, closed]) {
      clue.given(registered, disposed).when(tolerate(), ctx(inspector, NOW)).then([{ type: 'FaultToleranceRecorded', data: { id: ID, subjectIndex: 0, reason: '改革探索中出现失误，符合容错情形' } }]);
    }
  });

  it('given a clue not yet disposed of, when fault tolerance is recorded, then the transition is invalid', () => {
    clue.given(registered).when(tolerate(), ctx(inspector, NOW)).thenFails('INVALID_TRANSITION', /fault tolerance/);
  });

  it('given a disposed clue, when the subject is not one of the clue\'s, then it is a rule violation', () => {
    clue.given(registered, held).when(tolerate(2), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /subjectIndex/);
  });

  it('given a disposed clue, when a unit handler records it, then it is forbidden', () => {
    clue.given(registered, held).when(tolerate(), ctx(handler, NOW)).thenFails('FORBIDDEN');
  });
});
