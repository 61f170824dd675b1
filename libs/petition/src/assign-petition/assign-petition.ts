import type { AssignMode, Petition, PetitionAssigned } from '../petition';
import { PetitionDecideContext, assertExists, assertStatus, startStage } from '../petition-rules';

/** 转送 (forward) / 交办 (assign) to the unit that must handle the petition. */
export type AssignPetition = { type: 'AssignPetition'; unitId: string; mode: AssignMode };

/** 转送/交办 — meets `assign`; the unit's `accept` time limit starts. */
export function decideAssignPetition(command: AssignPetition, state: Petition, ctx: PetitionDecideContext): PetitionAssigned[] {
  assertExists(state);
  assertStatus(state, 'assign', ['registered']);
  return [{ type: 'PetitionAssigned', data: { id: state.id, unitId: command.unitId, mode: command.mode, deadlines: [startStage(ctx.policy, 'accept', ctx.now)] } }];
}
