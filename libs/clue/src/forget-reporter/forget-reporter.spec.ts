import { ID, clue, ctx, handler, inspector, manager, registered, registeredNotRealName, registeredRealName, reporterForgotten } from '../clue.fixtures';

const NOW = '2026-03-19T10:00:00+08:00';
const forget = { type: 'ForgetReporter' as const };

describe('删除检举人身份 ForgetReporter', () => {
  it('given a clue with a reporter, when a case manager forgets them, then the reporter is forgotten', () => {
    clue.given(registeredRealName).when(forget, ctx(manager, NOW)).then([{ type: 'ReporterForgotten', data: { id: ID } }]);
    clue.given(registeredNotRealName).when(forget, ctx(manager, NOW)).then([{ type: 'ReporterForgotten', data: { id: ID } }]);
    expect(clue.given(registeredRealName, reporterForgotten).state.reporterForgotten).toBe(true);
  });

  it('given a forgotten reporter, when they are forgotten again, then nothing is appended', () => {
    clue.given(registeredRealName, reporterForgotten).when(forget, ctx(manager, NOW)).then([]);
  });

  it('given a clue with a reporter, when an inspector (or anyone but a case manager) forgets them, then it is forbidden', () => {
    clue.given(registeredRealName).when(forget, ctx(inspector, NOW)).thenFails('FORBIDDEN', /only a case manager/);
    clue.given(registeredRealName).when(forget, ctx(handler, NOW)).thenFails('FORBIDDEN');
  });

  it('given an anonymous clue, when a case manager forgets the reporter, then it is a rule violation', () => {
    clue.given(registered).when(forget, ctx(manager, NOW)).thenFails('RULE_VIOLATION', /no reporter/);
  });

  it('given no clue, when a case manager forgets a reporter, then it is not found', () => {
    clue.given().when(forget, ctx(manager, NOW)).thenFails('NOT_FOUND');
  });
});
