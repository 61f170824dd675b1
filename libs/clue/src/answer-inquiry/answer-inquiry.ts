import { ruleViolation } from '@qf/kernel';
import type { Clue, InquiryAnswered } from '../clue';
import { ClueDecideContext, assertExists, assertInspector, assertStatus } from '../clue-rules';

export type AnswerInquiry = { type: 'AnswerInquiry'; explanation: string };

/** 函询回复 — meets `inquiry_reply`. */
export function decideAnswerInquiry(command: AnswerInquiry, state: Clue, ctx: ClueDecideContext): InquiryAnswered[] {
  assertInspector(ctx.actor);
  assertExists(state);
  assertStatus(state, 'inquiry reply', ['inquiry']);
  if (state.inquiry) throw ruleViolation('the inquiry has already been answered');
  return [{ type: 'InquiryAnswered', data: { id: state.id, explanation: command.explanation } }];
}
