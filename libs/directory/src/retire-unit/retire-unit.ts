import { DomainError, ruleViolation } from '@qf/kernel';
import type { DirectoryEvent, DirectoryState } from '../directory';
import type { DirectoryDecideContext } from '../directory-rules';

/** DELETE /api/units/:id — retire the unit; its history (and rankings by id) stay. */
export type RetireUnit = { type: 'RetireUnit'; id: string };

/** Not the root, not the discipline unit, not a unit with active units under it; retiring a retired unit appends nothing. */
export function decideRetireUnit(command: RetireUnit, state: DirectoryState, _ctx: DirectoryDecideContext): DirectoryEvent[] {
  const { id } = command;
  const unit = state.units.get(id);
  if (!unit) throw new DomainError('NOT_FOUND', `unit ${id} not found`);
  if (!unit.active) return [];
  if (unit.parentId === null) throw ruleViolation('the root unit cannot be retired');
  if (unit.kind === 'discipline_commission') throw ruleViolation('the discipline unit cannot be retired');
  const child = [...state.units.values()].find((u) => u.parentId === id && u.active);
  if (child) throw ruleViolation(`unit ${id} still has active units under it (${child.id}); move or retire them first`);
  return [{ type: 'UnitRetired', data: { id } }];
}
