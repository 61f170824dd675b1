import { ID, caseFiled, clue, ctx, found, handler, inquiry, inquiryAnswered, inspector, registered, verifying } from '../clue.fixtures';

const NOW = '2026-04-22T10:00:00+08:00';
const clear = (subjectIndex = 0) => ({ type: 'ClearName' as const, subjectIndex, scope: '所在单位全体干部' });

describe('澄清正名 ClearName', () => {
  it('given an unsubstantiated finding, when a name is cleared, then it is', () => {
    clue.given(registered, verifying, found('unsubstantiated')).when(clear(1), ctx(inspector, NOW)).then([{ type: 'NameCleared', data: { id: ID, subjectIndex: 1, scope: '所在单位全体干部' } }]);
  });

  it('given an inquiry reply (the inquiry concluded), when a name is cleared, then it is', () => {
    clue.given(registered, inquiry, inquiryAnswered).when(clear(), ctx(inspector, NOW)).then([{ type: 'NameCleared', data: { id: ID, subjectIndex: 0, scope: '所在单位全体干部' } }]);
  });

  it('given no such finding or conclusion, when a name is cleared, then it is a rule violation', () => {
    clue.given(registered).when(clear(), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /unsubstantiated finding or an inquiry conclusion/);
    clue.given(registered, inquiry).when(clear(), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /unsubstantiated/);
    clue.given(registered, verifying, found('substantiated'), caseFiled).when(clear(), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /unsubstantiated/);
    clue.given(registered, verifying, found('unverifiable')).when(clear(), ctx(inspector, NOW)).thenFails('RULE_VIOLATION');
  });

  it('given an unsubstantiated finding, when the subject is not one of the clue\'s, then it is a rule violation', () => {
    clue.given(registered, verifying, found('unsubstantiated')).when(clear(5), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /subjectIndex must name one of the 2/);
  });

  it('given an unsubstantiated finding, when a unit handler clears a name, then it is forbidden', () => {
    clue.given(registered, verifying, found('unsubstantiated')).when(clear(), ctx(handler, NOW)).thenFails('FORBIDDEN');
  });
});
