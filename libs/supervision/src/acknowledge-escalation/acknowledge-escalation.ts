import { DomainError, hasRole, type Actor, type Role } from '@qf/kernel';
import type { EscalationAcknowledged, Escalatable, FiredEscalation } from '../escalation';
import type { EscalationDecideContext } from '../escalation.rules';

export type AcknowledgeEscalation = { type: 'AcknowledgeEscalation'; escalationId: string; comment?: string };

/**
 * The roles whose inboxes a caller reads: their own, and a case manager's also the inspector's — "all an inspector
 * may" (SPEC §1), the level-3 inbox included.
 */
export const inboxRoles = (actor: Actor): Role[] => (hasRole(actor, 'case_manager') && !hasRole(actor, 'inspector') ? [...actor.roles, 'inspector'] : actor.roles);

/** The target of an escalation: its unit and its role (whose inbox it is in). */
export const isEscalationTarget = (actor: Actor, target: { targetUnitId: string; targetRole: string }): boolean =>
  actor.unitId === target.targetUnitId && inboxRoles(actor).includes(target.targetRole as Role);

/** Someone other than the escalation's target unit and role (SPEC §10: the role or unit does not allow it). */
export const notYourEscalation = () => new DomainError('FORBIDDEN', 'only the unit and role the escalation is addressed to may acknowledge it');

/** 签收督办 — only the target of the escalation (its unit and role), once. */
export function decideAcknowledgeEscalation(command: AcknowledgeEscalation, state: Escalatable<unknown>, ctx: EscalationDecideContext): EscalationAcknowledged[] {
  const fired: FiredEscalation | undefined = state.fired[command.escalationId];
  if (!fired) throw new DomainError('NOT_FOUND', 'escalation not found');
  if (!isEscalationTarget(ctx.actor, fired.data)) throw notYourEscalation();
  if (fired.acknowledged) throw new DomainError('INVALID_TRANSITION', 'acknowledge is not allowed: the escalation is already acknowledged');
  const { actor } = ctx;
  return [
    {
      type: 'EscalationAcknowledged',
      data: { escalationId: fired.data.escalationId, comment: command.comment ?? null, by: { sub: actor.sub, name: actor.name || null, unitId: actor.unitId, roles: actor.roles } },
    },
  ];
}
