import { extendDue, formatShanghai, ruleViolation, warnAt } from '@qf/platform';
import type { Petition, PetitionExtended } from '../petition';
import { PetitionDecideContext, assertExists, assertHandler, assertStatus } from '../petition-rules';

export const MAX_PETITION_EXTENSION_DAYS = 30;

export interface ExtendPetition {
  days: number;
  reason: string;
}

/** 延期 — at most once, at most 30 days more for the `handle` stage. */
export function decideExtendPetition(command: ExtendPetition, state: Petition, ctx: PetitionDecideContext): PetitionExtended[] {
  assertExists(state);
  assertHandler(ctx.actor, state);
  assertStatus(state, 'extend', ['accepted']);
  if (state.extension) throw ruleViolation('a petition may be extended only once');
  const handle = state.deadlines.find((d) => d.stage === 'handle' && d.state === 'pending');
  if (!handle) throw ruleViolation('there is no handling time limit to extend');
  const due = extendDue(new Date(handle.dueAt), { amount: command.days, unit: 'calendar_days' });
  return [
    {
      type: 'PetitionExtended',
      data: { id: state.id, unitId: state.unitId!, days: command.days, reason: command.reason, handleDueAt: formatShanghai(due), handleWarnAt: formatShanghai(warnAt(new Date(handle.startedAt), due)) },
    },
  ];
}
