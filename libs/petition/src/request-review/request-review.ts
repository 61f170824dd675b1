import { ruleViolation } from '@qf/kernel';
import type { Petition, ReviewRequested } from '../petition';
import { PetitionDecideContext, assertExists, assertStatus, startStage, withinDays } from '../petition-rules';

/** 复查申请, with its reason. */
export type RequestReview = { type: 'RequestReview'; reason: string };

/** 复查申请 — within 30 days of the answer; the 30-day `review` time limit starts. */
export function decideRequestReview(command: RequestReview, state: Petition, ctx: PetitionDecideContext): ReviewRequested[] {
  assertExists(state);
  assertStatus(state, 'review request', ['replied']);
  if (!withinDays(state.reply!.repliedAt, 30, ctx.now)) throw ruleViolation('a review must be requested within 30 days of the answer');
  return [{ type: 'ReviewRequested', data: { id: state.id, reason: command.reason, deadlines: [startStage(ctx.policy, 'review', ctx.now)] } }];
}
