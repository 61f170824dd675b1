import type { ClueSubjectFact, PetitionReferred } from '@qf/contracts';
import type { Petition } from '../petition';
import { PetitionDecideContext, assertExists } from '../petition-rules';

/** 移送纪检监察 — with the clue id the application service allocated. */
export type ReferPetition = {
  type: 'ReferPetition';
  clueId: string;
  reason: string;
  subjects: ClueSubjectFact[];
};

/** 移送纪检监察 — records on the petition that it was referred, and to whom; the clue context registers the clue. */
export function decideReferPetition(command: ReferPetition, state: Petition, _ctx: PetitionDecideContext): PetitionReferred[] {
  assertExists(state);
  return [{ type: 'PetitionReferred', data: { id: state.id, clueId: command.clueId, reason: command.reason, subjects: command.subjects } }];
}
