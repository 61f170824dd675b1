import type { Petition, PetitionReplied, ReplyResult } from '../petition';
import { PetitionDecideContext, assertExists, assertHandler, assertStatus } from '../petition-rules';

/** 答复 — the 信访处理意见书 and its result. */
export type ReplyPetition = { type: 'ReplyPetition'; result: ReplyResult; opinion: string };

/** 答复 (信访处理意见书) — meets `handle`. */
export function decideReplyPetition(command: ReplyPetition, state: Petition, ctx: PetitionDecideContext): PetitionReplied[] {
  assertExists(state);
  assertHandler(ctx.actor, state);
  assertStatus(state, 'reply', ['accepted']);
  return [{ type: 'PetitionReplied', data: { id: state.id, unitId: state.unitId!, result: command.result, opinion: command.opinion } }];
}
