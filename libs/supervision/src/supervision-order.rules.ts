import { DomainError, dueAt, forbidden, formatShanghai, hasRole, limitFor, warnAt, type Actor, type DeadlineStart, type SlaPolicy } from '@qf/kernel';
import { STAGES_OF, type Preset, type SupervisionOrder } from './supervision-order';

/** Inputs every supervision-order decision gets besides its command: who, when, and the SLA policy in force. */
export interface SupervisionOrderDecideContext {
  actor: Actor;
  now: Date;
  policy: SlaPolicy;
}

/** Every stage of a preset, started at `start` (SPEC §4: 13710 in calendar days, standard in working days). */
export function planStages(policy: SlaPolicy, preset: Preset, start: Date): DeadlineStart[] {
  return STAGES_OF[preset].map((stage) => {
    const due = dueAt(start, limitFor(policy, 'supervision_order', `${preset}.${stage}`));
    return { stage, startedAt: formatShanghai(start), dueAt: formatShanghai(due), warnAt: formatShanghai(warnAt(start, due)) };
  });
}

export function assertExists(state: SupervisionOrder): void {
  if (!state.exists) throw new DomainError('NOT_FOUND', 'supervision order not found');
}

/** Only a supervisor issues a supervision order (that the case is in their subtree, the service checks with the directory). */
export function assertSupervisor(actor: Actor): void {
  if (!hasRole(actor, 'supervisor')) throw forbidden('only a supervisor issues supervision orders');
}

/** The order is answered by the handlers and head of the unit handling the supervised case. */
export function assertHandlingUnit(actor: Actor, state: SupervisionOrder): void {
  if (!hasRole(actor, 'unit_handler', 'unit_head') || actor.unitId !== state.unitId) throw forbidden('only the handling unit answers a supervision order');
}
