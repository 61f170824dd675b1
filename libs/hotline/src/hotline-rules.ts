import { Actor, DomainError, SlaPolicy, dueAt, formatShanghai, forbidden, hasRole, invalidTransition, limitFor, warnAt } from '@qf/kernel';
import type { DeadlineStart, OrderStatus, Urgency, WorkOrder } from './work-order';

/** Inputs every hotline decision gets besides its command: who, when, and the SLA policy in force. */
export interface HotlineDecideContext {
  actor: Actor;
  now: Date;
  policy: SlaPolicy;
}

/** The `sign` and `reply` stages of a dispatch round starting at `start` (SPEC §4). */
export function planRound(policy: SlaPolicy, urgency: Urgency, start: Date): DeadlineStart[] {
  return (['sign', 'reply'] as const).map((stage) => {
    const due = dueAt(start, limitFor(policy, 'hotline', stage, urgency));
    return { stage, startedAt: formatShanghai(start), dueAt: formatShanghai(due), warnAt: formatShanghai(warnAt(start, due)) };
  });
}

/** The command's order must exist (the path names it; an order that does not exist has no number in its state). */
export function assertExists(state: WorkOrder): void {
  if (!state.exists) throw new DomainError('NOT_FOUND', 'work order not found');
}

export function assertStatus(state: WorkOrder, command: string, allowed: OrderStatus[]): void {
  if (!allowed.includes(state.status)) throw invalidTransition(command, state.status);
}

/** Sign, return, extension request and reply belong to the handlers and head of the unit the order is assigned to. */
export function assertHandler(actor: Actor, state: WorkOrder): void {
  if (!hasRole(actor, 'unit_handler', 'unit_head')) throw forbidden('only the handling unit may do this');
  if (actor.unitId !== state.unitId) throw forbidden('this work order is assigned to another unit');
}
