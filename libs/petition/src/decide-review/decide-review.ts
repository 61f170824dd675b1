import { forbidden, hasRole } from '@qf/kernel';
import type { DecisionResult, Petition, ReviewDecided } from '../petition';
import { PetitionDecideContext, assertExists, assertStatus } from '../petition-rules';

/** 复查意见 — upheld 维持 / changed 变更, with the opinion. */
export type DecideReview = { type: 'DecideReview'; result: DecisionResult; opinion: string };

/** 复查意见 — by the supervision office of the handling unit's parent; meets `review`. */
export function decideReviewDecision(command: DecideReview, state: Petition, ctx: PetitionDecideContext): ReviewDecided[] {
  assertExists(state);
  const reviewer = state.unitId ? ctx.parentOf(state.unitId) : null;
  if (!hasRole(ctx.actor, 'supervisor') || !reviewer || ctx.actor.unitId !== reviewer) {
    throw forbidden('a review is decided by the supervisor of the handling unit\'s parent');
  }
  assertStatus(state, 'review decision', ['under_review']);
  return [{ type: 'ReviewDecided', data: { id: state.id, reviewerUnitId: reviewer, result: command.result, opinion: command.opinion } }];
}
