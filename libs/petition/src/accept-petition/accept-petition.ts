import type { Petition, PetitionAccepted } from '../petition';
import { PetitionDecideContext, assertExists, assertHandler, assertStatus, startStage } from '../petition-rules';

/** 受理 — no body. */
export type AcceptPetition = { type: 'AcceptPetition' };

/** 受理 — meets `accept`; the 60-day `handle` time limit starts. */
export function decideAcceptPetition(_command: AcceptPetition, state: Petition, ctx: PetitionDecideContext): PetitionAccepted[] {
  assertExists(state);
  assertHandler(ctx.actor, state);
  assertStatus(state, 'accept', ['assigned']);
  return [{ type: 'PetitionAccepted', data: { id: state.id, unitId: state.unitId!, deadlines: [startStage(ctx.policy, 'handle', ctx.now)] } }];
}
