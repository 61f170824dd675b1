import { ID, caseFiled, clue, closed, concluded, ctx, found, handler, held, inquiry, inquiryAnswered, inspector, registered, verifying } from '../clue.fixtures';
import { isHandled } from '../clue';

const NOW = '2026-04-22T10:00:00+08:00';
const conclude = { type: 'ConcludeClue' as const, outcome: '予以了结', summary: '问题不属实' };
const done = [{ type: 'ClueConcluded' as const, data: { id: ID, outcome: '予以了结', summary: '问题不属实' } }];

describe('了结 ConcludeClue', () => {
  it('given an answered inquiry, a reported verification, a held clue or a filed case, when the clue is concluded, then it is (handled)', () => {
    clue.given(registered, inquiry, inquiryAnswered).when(conclude, ctx(inspector, NOW)).then(done);
    clue.given(registered, verifying, found('unverifiable')).when(conclude, ctx(inspector, NOW)).then(done);
    clue.given(registered, held).when(conclude, ctx(inspector, NOW)).then(done);
    clue.given(registered, verifying, found('substantiated'), caseFiled).when(conclude, ctx(inspector, NOW)).then(done);
    const { state } = clue.given(registered, held, concluded);
    expect(state).toMatchObject({ status: 'concluded', conclusion: { outcome: '予以了结', summary: '问题不属实', concludedAt: '2026-04-22T10:00:00.000+08:00' } });
    expect(isHandled(state)).toBe(true);
  });

  it('given an unanswered inquiry or an unreported verification, when the clue is concluded, then it is a rule violation', () => {
    clue.given(registered, inquiry).when(conclude, ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /not been answered/);
    clue.given(registered, verifying).when(conclude, ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /not been reported/);
  });

  it('given a registered or already concluded clue, when it is concluded, then the transition is invalid', () => {
    clue.given(registered).when(conclude, ctx(inspector, NOW)).thenFails('INVALID_TRANSITION', /conclude/);
    clue.given(registered, closed).when(conclude, ctx(inspector, NOW)).thenFails('INVALID_TRANSITION');
  });

  it('given a held clue, when a unit handler concludes it, then it is forbidden', () => {
    clue.given(registered, held).when(conclude, ctx(handler, NOW)).thenFails('FORBIDDEN');
  });
});
