import type { Clue, ClueDisposed, DeadlineStart, DispositionMethod } from '../clue';
import { ClueDecideContext, assertExists, assertStatus, startStage } from '../clue-rules';

export interface DisposeClue {
  method: DispositionMethod;
  rationale: string;
  approvedBy: string;
}

/** 处置 — decided collectively; meets `disposition` and starts the inquiry or verification limit. */
export function decideDisposeClue(command: DisposeClue, state: Clue, ctx: ClueDecideContext): ClueDisposed[] {
  assertExists(state);
  assertStatus(state, 'disposition', ['registered', 'held']);
  const deadlines: DeadlineStart[] =
    command.method === 'talk_inquiry'
      ? [startStage(ctx.policy, 'inquiry_reply', ctx.now)]
      : command.method === 'preliminary_verification'
        ? [startStage(ctx.policy, 'verification', ctx.now)]
        : [];
  return [{ type: 'ClueDisposed', data: { id: state.id, ...command, deadlines } }];
}
