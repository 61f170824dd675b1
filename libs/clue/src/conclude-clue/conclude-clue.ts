import { ruleViolation } from '@qf/kernel';
import type { Clue, ClueConcluded } from '../clue';
import { ClueDecideContext, assertExists, assertInspector, assertStatus } from '../clue-rules';

export type ConcludeClue = { type: 'ConcludeClue'; outcome: string; summary: string };

/** 了结 — an inquiry once answered, a verification once reported, a held clue, or a filed case. */
export function decideConcludeClue(command: ConcludeClue, state: Clue, ctx: ClueDecideContext): ClueConcluded[] {
  assertInspector(ctx.actor);
  assertExists(state);
  assertStatus(state, 'conclude', ['inquiry', 'verifying', 'held', 'case_filed']);
  if (state.status === 'inquiry' && !state.inquiry) throw ruleViolation('the inquiry has not been answered yet');
  if (state.status === 'verifying' && !state.verification) throw ruleViolation('the verification has not been reported yet');
  return [{ type: 'ClueConcluded', data: { id: state.id, outcome: command.outcome, summary: command.summary } }];
}
