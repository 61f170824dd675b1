import { ID, caseFiled, clue, ctx, found, handler, inquiry, inquiryAnswered, inspector, registered, verifying } from '../clue.fixtures';

const NOW = '2026-04-21T10:00:00+08:00';
const file = { type: 'FileCase' as const, summary: '违规发放津补贴案' };

describe('立案 FileCase', () => {
  it('given a substantiated or partially substantiated finding, when the case is filed, then the clue is case_filed (handled)', () => {
    clue.given(registered, verifying, found('substantiated')).when(file, ctx(inspector, NOW)).then([{ type: 'CaseFiled', data: { id: ID, summary: '违规发放津补贴案' } }]);
    clue.given(registered, verifying, found('partially_substantiated')).when({ type: 'FileCase' }, ctx(inspector, NOW)).then([{ type: 'CaseFiled', data: { id: ID, summary: null } }]);
    expect(clue.given(registered, verifying, found('substantiated'), caseFiled).state).toMatchObject({ status: 'case_filed', caseFiled: { summary: '违规发放津补贴案', filedAt: '2026-04-21T10:00:00.000+08:00' } });
  });

  it('given an unsubstantiated or unverifiable finding, or none yet, when the case is filed, then it is a rule violation', () => {
    clue.given(registered, verifying, found('unsubstantiated')).when(file, ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /substantiated/);
    clue.given(registered, verifying, found('unverifiable')).when(file, ctx(inspector, NOW)).thenFails('RULE_VIOLATION');
    clue.given(registered, verifying).when(file, ctx(inspector, NOW)).thenFails('RULE_VIOLATION');
  });

  it('given a clue in inquiry or already filed, when the case is filed, then the transition is invalid', () => {
    clue.given(registered, inquiry, inquiryAnswered).when(file, ctx(inspector, NOW)).thenFails('INVALID_TRANSITION', /file case/);
    clue.given(registered, verifying, found('substantiated'), caseFiled).when(file, ctx(inspector, NOW)).thenFails('INVALID_TRANSITION');
  });

  it('given a substantiated finding, when a unit handler files the case, then it is forbidden', () => {
    clue.given(registered, verifying, found('substantiated')).when(file, ctx(handler, NOW)).thenFails('FORBIDDEN');
  });
});
