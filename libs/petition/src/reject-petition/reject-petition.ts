import type { Petition, PetitionRejected } from '../petition';
import { PetitionDecideContext, assertExists, assertHandler, assertStatus } from '../petition-rules';

/** 不予受理, with its reason. */
export type RejectPetition = { type: 'RejectPetition'; reason: string };

/** 不予受理 — terminal; it answers the `accept` stage. */
export function decideRejectPetition(command: RejectPetition, state: Petition, ctx: PetitionDecideContext): PetitionRejected[] {
  assertExists(state);
  assertHandler(ctx.actor, state);
  assertStatus(state, 'reject', ['assigned']);
  return [{ type: 'PetitionRejected', data: { id: state.id, unitId: state.unitId!, reason: command.reason } }];
}
