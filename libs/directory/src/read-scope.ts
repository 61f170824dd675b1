import { Actor, DomainError, Role, forbidden, hasRole } from '@qf/kernel';
import type { DirectoryView } from './directory-view';

/**
 * Which units' cases a caller may list (SPEC §1): the registering office sees all; handlers and heads their own unit;
 * supervisors their unit's subtree — narrowed by an optional `unitId` filter (a subtree).
 */
export function readScope(dir: DirectoryView, actor: Actor, officeRoles: Role[], unitFilter?: string): string[] | 'all' {
  if (unitFilter && !dir.get(unitFilter)) throw new DomainError('NOT_FOUND', `unit ${unitFilter} not found`);
  const filter = unitFilter ? dir.subtree(unitFilter) : null;
  let allowed: string[] | 'all';
  if (hasRole(actor, ...officeRoles)) allowed = 'all';
  else {
    const own = unitsOf(dir, actor);
    if (own.size === 0) throw forbidden('your role may not read these cases');
    allowed = [...own];
  }
  if (!filter) return allowed;
  return allowed === 'all' ? filter : filter.filter((u) => allowed.includes(u));
}

/**
 * Refuses (403) a caller whose roles can never read cases of this kind, before anything is loaded — so the refusal
 * does not depend on whether the case exists (a 404 would tell them it does not).
 */
export function assertMayReadKind(dir: DirectoryView, actor: Actor, officeRoles: Role[]): void {
  if (!hasRole(actor, ...officeRoles) && unitsOf(dir, actor).size === 0) throw forbidden('your role may not read these cases');
}

/** May the caller read one case handled by `unitId` (null: not yet assigned — only the office)? */
export function mayReadCase(dir: DirectoryView, actor: Actor, officeRoles: Role[], unitId: string | null): boolean {
  if (hasRole(actor, ...officeRoles)) return true;
  if (!unitId) return false;
  if (hasRole(actor, 'unit_handler', 'unit_head') && actor.unitId === unitId) return true;
  return hasRole(actor, 'supervisor') && !!actor.unitId && dir.isInSubtree(unitId, actor.unitId);
}

/** The units whose cases a caller reads by being there (§1): their own unit as handler or head, their subtree as supervisor. */
export function unitsOf(dir: DirectoryView, actor: Actor): Set<string> {
  const own = new Set<string>();
  if (actor.unitId && hasRole(actor, 'unit_handler', 'unit_head')) own.add(actor.unitId);
  if (actor.unitId && hasRole(actor, 'supervisor')) dir.subtree(actor.unitId).forEach((u) => own.add(u));
  return own;
}
