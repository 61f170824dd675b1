import type { Petition, PetitionClosed } from '../petition';
import { PetitionDecideContext, assertExists, assertStatus } from '../petition-rules';

/** 办结 (化解) — no body. */
export type ClosePetition = { type: 'ClosePetition' };

/** 办结 (化解) — the bureau closes a petition once it has been answered (or reviewed). */
export function decideClosePetition(_command: ClosePetition, state: Petition, _ctx: PetitionDecideContext): PetitionClosed[] {
  assertExists(state);
  assertStatus(state, 'close', ['replied', 'reviewed']);
  return [{ type: 'PetitionClosed', data: { id: state.id, by: 'bureau' } }];
}
