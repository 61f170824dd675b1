import { forbidden, hasRole } from '@qf/kernel';
import type { DecisionResult, Petition, PetitionClosed, RecheckDecided } from '../petition';
import { PetitionDecideContext, assertExists, assertStatus } from '../petition-rules';

/** 复核意见 — upheld 维持 / changed 变更, with the opinion. */
export type DecideRecheck = { type: 'DecideRecheck'; result: DecisionResult; opinion: string };

/**
 * 复核意见 — final: by a supervisor above the handling unit (any ancestor's supervision office; in a one-level
 * district that is the same office that reviewed), and it closes the petition.
 */
export function decideRecheckDecision(command: DecideRecheck, state: Petition, ctx: PetitionDecideContext): Array<RecheckDecided | PetitionClosed> {
  assertExists(state);
  const actorUnit = ctx.actor.unitId;
  const above = !!actorUnit && !!state.unitId && actorUnit !== state.unitId && ctx.inSubtree(state.unitId, actorUnit);
  if (!hasRole(ctx.actor, 'supervisor') || !above) throw forbidden('a recheck is decided by a supervisor above the handling unit');
  assertStatus(state, 'recheck decision', ['under_recheck']);
  return [
    { type: 'RecheckDecided', data: { id: state.id, reviewerUnitId: actorUnit!, result: command.result, opinion: command.opinion } },
    { type: 'PetitionClosed', data: { id: state.id, by: 'recheck' } },
  ];
}
