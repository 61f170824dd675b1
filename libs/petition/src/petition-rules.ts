import { Actor, DomainError, SlaPolicy, dueAt, formatShanghai, forbidden, hasRole, invalidTransition, limitFor, warnAt } from '@qf/kernel';
import type { DeadlineStart, Petition, PetitionStage, PetitionStatus } from './petition';

/** Inputs every petition decision gets besides its command: who, when, the SLA policy, and what the directory says. */
export interface PetitionDecideContext {
  actor: Actor;
  now: Date;
  policy: SlaPolicy;
  /** The parent of a unit (the root for a unit without one). */
  parentOf(unitId: string): string | null;
  /** Is `unitId` inside the subtree of `rootId` (itself included)? */
  inSubtree(unitId: string, rootId: string): boolean;
}

export function startStage(policy: SlaPolicy, stage: PetitionStage, start: Date): DeadlineStart {
  const due = dueAt(start, limitFor(policy, 'petition', stage));
  return { stage, startedAt: formatShanghai(start), dueAt: formatShanghai(due), warnAt: formatShanghai(warnAt(start, due)) };
}

export function assertExists(state: Petition): void {
  if (!state.exists) throw new DomainError('NOT_FOUND', 'petition not found');
}

export function assertStatus(state: Petition, command: string, allowed: PetitionStatus[]): void {
  if (!allowed.includes(state.status)) throw invalidTransition(command, state.status);
}

/** Accept, reject, extend and reply belong to the handlers and head of the unit the petition is assigned to. */
export function assertHandler(actor: Actor, state: Petition): void {
  if (!hasRole(actor, 'unit_handler', 'unit_head')) throw forbidden('only the handling unit may do this');
  if (!state.unitId || actor.unitId !== state.unitId) throw forbidden('this petition is assigned to another unit');
}

/** Still inside `days` calendar days after `from` (the end of the last day counts)? */
export function withinDays(from: string, days: number, now: Date): boolean {
  return now.getTime() <= dueAt(new Date(from), { amount: days, unit: 'calendar_days' }).getTime();
}
