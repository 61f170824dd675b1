import { forbidden, hasRole, ruleViolation } from '@qf/kernel';
import type { Clue, ReporterForgotten } from '../clue';
import { ClueDecideContext, assertExists } from '../clue-rules';

export type ForgetReporter = { type: 'ForgetReporter' };

/** 删除检举人身份 — records that the reporter's key is destroyed; the application service destroys it (crypto-shredding). */
export function decideForgetReporter(_command: ForgetReporter, state: Clue, ctx: ClueDecideContext): ReporterForgotten[] {
  assertExists(state);
  if (!hasRole(ctx.actor, 'case_manager')) throw forbidden('only a case manager may forget a reporter');
  if (!state.reporter) throw ruleViolation('the clue has no reporter');
  if (state.reporterForgotten) return [];
  return [{ type: 'ReporterForgotten', data: { id: state.id } }];
}
