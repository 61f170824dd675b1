import type { Clue, ClueDisposed, DeadlineStart, DispositionMethod } from '../clue';
import { ClueDecideContext, assertExists, assertInspector, assertStatus, startStage } from '../clue-rules';

export type DisposeClue = { type: 'DisposeClue'; method: DispositionMethod; rationale: string; approvedBy: string };

/** 处置 — decided collectively; meets `disposition` and starts the inquiry or verification limit. */
export function decideDisposeClue(command: DisposeClue, state: Clue, ctx: ClueDecideContext): ClueDisposed[] {
  assertInspector(ctx.actor);
  assertExists(state);
  assertStatus(state, 'disposition', ['registered', 'held']);
  const { method, rationale, approvedBy } = command;
  const deadlines: DeadlineStart[] =
    method === 'talk_inquiry'
      ? [startStage(ctx.policy, 'inquiry_reply', ctx.now)]
      : method === 'preliminary_verification'
        ? [startStage(ctx.policy, 'verification', ctx.now)]
        : [];
  return [{ type: 'ClueDisposed', data: { id: state.id, method, rationale, approvedBy, deadlines } }];
}
