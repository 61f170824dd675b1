import { ruleViolation } from '@qf/platform';
import type { Clue, InquiryAnswered } from '../clue';
import { ClueDecideContext, assertExists, assertStatus } from '../clue-rules';

export interface AnswerInquiry {
  explanation: string;
}

/** 函询回复 — meets `inquiry_reply`. */
export function decideAnswerInquiry(command: AnswerInquiry, state: Clue, _ctx: ClueDecideContext): InquiryAnswered[] {
  assertExists(state);
  assertStatus(state, 'inquiry reply', ['inquiry']);
  if (state.inquiry) throw ruleViolation('the inquiry has already been answered');
  return [{ type: 'InquiryAnswered', data: { id: state.id, explanation: command.explanation } }];
}
