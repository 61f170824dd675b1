import { ruleViolation } from '@qf/kernel';
import type { Petition, RecheckRequested } from '../petition';
import { PetitionDecideContext, assertExists, assertStatus, startStage, withinDays } from '../petition-rules';

/** 复核申请, with its reason. */
export type RequestRecheck = { type: 'RequestRecheck'; reason: string };

/** 复核申请 — within 30 days of the review decision; the 30-day `recheck` time limit starts. */
export function decideRequestRecheck(command: RequestRecheck, state: Petition, ctx: PetitionDecideContext): RecheckRequested[] {
  assertExists(state);
  assertStatus(state, 'recheck request', ['reviewed']);
  if (!withinDays(state.review!.decidedAt!, 30, ctx.now)) throw ruleViolation('a recheck must be requested within 30 days of the review decision');
  return [{ type: 'RecheckRequested', data: { id: state.id, reason: command.reason, deadlines: [startStage(ctx.policy, 'recheck', ctx.now)] } }];
}
