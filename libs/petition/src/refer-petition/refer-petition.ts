import type { Petition, PetitionReferred } from '../petition';
import { PetitionDecideContext, assertExists } from '../petition-rules';

export interface ReferPetition {
  clueId: string;
  reason: string;
}

/** 移送纪检监察 — records on the petition that it was referred; the clue is registered in its own stream. */
export function decideReferPetition(command: ReferPetition, state: Petition, _ctx: PetitionDecideContext): PetitionReferred[] {
  assertExists(state);
  return [{ type: 'PetitionReferred', data: { id: state.id, clueId: command.clueId, reason: command.reason } }];
}
