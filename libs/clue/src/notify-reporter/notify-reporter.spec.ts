import { ID, clue, ctx, handler, inspector, registered, registeredNotRealName, registeredRealName, reporterNotified } from '../clue.fixtures';

const NOW = '2026-03-18T10:00:00+08:00';
const notify = { type: 'NotifyReporter' as const, channel: 'phone', note: '已电话告知受理' };

describe('受理告知 NotifyReporter', () => {
  it('given a real-name reporter\'s clue, when the reporter is notified, then the reporter_notice limit is met', () => {
    clue.given(registeredRealName).when(notify, ctx(inspector, NOW)).then([{ type: 'ReporterNotified', data: { id: ID, channel: 'phone', note: '已电话告知受理' } }]);
    const { state } = clue.given(registeredRealName, reporterNotified);
    expect(state.reporterNotice).toEqual({ channel: 'phone', note: '已电话告知受理', at: '2026-03-18T10:00:00.000+08:00' });
    expect(state.deadlines.map((d) => `${d.stage}:${d.state}`)).toEqual(['disposition:pending', 'reporter_notice:met']);
  });

  it('given an anonymous clue or a reporter who did not give their real name, when the reporter is notified, then it is a rule violation', () => {
    clue.given(registered).when(notify, ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /only a real-name reporter/);
    clue.given(registeredNotRealName).when(notify, ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /only a real-name reporter/);
  });

  it('given a notified reporter, when they are notified again, then it is a rule violation', () => {
    clue.given(registeredRealName, reporterNotified).when(notify, ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /already been notified/);
  });

  it('given no clue, then it is not found; given a real-name clue, when a unit handler notifies, then it is forbidden', () => {
    clue.given().when(notify, ctx(inspector, NOW)).thenFails('NOT_FOUND');
    clue.given(registeredRealName).when(notify, ctx(handler, NOW)).thenFails('FORBIDDEN');
  });
});
