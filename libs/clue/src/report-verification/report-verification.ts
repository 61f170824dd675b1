import { ruleViolation } from '@qf/kernel';
import type { Clue, Finding, VerificationReported } from '../clue';
import { ClueDecideContext, assertExists, assertInspector, assertStatus } from '../clue-rules';

export type ReportVerification = { type: 'ReportVerification'; finding: Finding; report: string };

/** 初核结果 — meets `verification`. */
export function decideReportVerification(command: ReportVerification, state: Clue, ctx: ClueDecideContext): VerificationReported[] {
  assertInspector(ctx.actor);
  assertExists(state);
  assertStatus(state, 'verification result', ['verifying']);
  if (state.verification) throw ruleViolation('the verification has already been reported');
  return [{ type: 'VerificationReported', data: { id: state.id, finding: command.finding, report: command.report } }];
}
