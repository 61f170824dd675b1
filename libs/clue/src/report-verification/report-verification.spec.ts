import { ID, clue, ctx, found, handler, inquiry, inspector, manager, registered, verifying } from '../clue.fixtures';
import type { Finding } from '../clue';

const report = (finding: Finding) => ({ type: 'ReportVerification' as const, finding, report: '初核报告' });
const NOW = '2026-04-20T10:00:00+08:00';

describe('初核结论 ReportVerification', () => {
  it('given a verifying clue, when the finding is reported, then it is recorded and the verification limit met', () => {
    for (const finding of ['substantiated', 'partially_substantiated', 'unsubstantiated', 'unverifiable'] as const) {
      clue.given(registered, verifying).when(report(finding), ctx(manager, NOW)).then([{ type: 'VerificationReported', data: { id: ID, finding, report: '初核报告' } }]);
    }
    const { state } = clue.given(registered, verifying, found('unverifiable'));
    expect(state.verification).toEqual({ finding: 'unverifiable', report: '初核报告', reportedAt: '2026-04-20T10:00:00.000+08:00' });
    expect(state.deadlines.map((d) => `${d.stage}:${d.state}`)).toEqual(['disposition:met', 'verification:met']);
  });

  it('given a reported verification, when another finding comes, then it is a rule violation', () => {
    clue.given(registered, verifying, found('substantiated')).when(report('unsubstantiated'), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /already been reported/);
  });

  it('given a registered clue or one in inquiry, when a finding comes, then the transition is invalid', () => {
    clue.given(registered).when(report('substantiated'), ctx(inspector, NOW)).thenFails('INVALID_TRANSITION', /verification result/);
    clue.given(registered, inquiry).when(report('substantiated'), ctx(inspector, NOW)).thenFails('INVALID_TRANSITION');
  });

  it('given a verifying clue, when a unit handler reports, then it is forbidden', () => {
    clue.given(registered, verifying).when(report('substantiated'), ctx(handler, NOW)).thenFails('FORBIDDEN');
  });
});
