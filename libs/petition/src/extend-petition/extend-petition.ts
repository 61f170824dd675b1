import { extendDue, formatShanghai, ruleViolation, warnAt } from '@qf/kernel';
import type { Petition, PetitionExtended } from '../petition';
import { PetitionDecideContext, assertExists, assertHandler, assertStatus } from '../petition-rules';

export const MAX_PETITION_EXTENSION_DAYS = 30;

/** 延期 — 1–30 calendar days more to handle, with a reason. */
export type ExtendPetition = { type: 'ExtendPetition'; days: number; reason: string };

/** 延期 — at most once, 1–30 calendar days more for the `handle` stage. */
export function decideExtendPetition(command: ExtendPetition, state: Petition, ctx: PetitionDecideContext): PetitionExtended[] {
  assertExists(state);
  assertHandler(ctx.actor, state);
  assertStatus(state, 'extend', ['accepted']);
  if (!Number.isInteger(command.days) || command.days < 1 || command.days > MAX_PETITION_EXTENSION_DAYS) {
    throw ruleViolation(`an extension is 1–${MAX_PETITION_EXTENSION_DAYS} calendar days`);
  }
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
