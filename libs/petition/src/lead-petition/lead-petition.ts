import { forbidden } from '@qf/kernel';
import type { Petition, PetitionLed } from '../petition';
import { PetitionDecideContext, assertExists, assertStatus } from '../petition-rules';

/** 包案 — the named leader who takes charge. */
export type LeadPetition = { type: 'LeadPetition'; leaderName: string };

/** 包案 — a supervisor marks a backlog case as led by a named leader; the case must be in their subtree. */
export function decideLeadPetition(command: LeadPetition, state: Petition, ctx: PetitionDecideContext): PetitionLed[] {
  assertExists(state);
  const unit = ctx.actor.unitId;
  if (!unit || !state.unitId || !ctx.inSubtree(state.unitId, unit)) throw forbidden('this petition is outside your supervision');
  assertStatus(state, 'lead', ['assigned', 'accepted', 'replied', 'under_review', 'reviewed', 'under_recheck']);
  return [{ type: 'PetitionLed', data: { id: state.id, leaderName: command.leaderName, supervisorUnitId: unit } }];
}
