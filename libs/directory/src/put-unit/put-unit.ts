import { ruleViolation } from '@qf/kernel';
import { isAncestorOrSelf, type DirectoryEvent, type DirectoryState, type UnitDefinition } from '../directory';
import type { DirectoryDecideContext } from '../directory-rules';

/** PUT /api/units/:id — register the unit, or record what changed (rename, move, kind, reactivation). */
export type PutUnit = { type: 'PutUnit' } & UnitDefinition;

/**
 * The parent must exist and be active, a unit never moves under itself or its descendants, the directory keeps one
 * root and exactly one discipline unit. Putting a unit as it is appends nothing.
 */
export function decidePutUnit(command: PutUnit, state: DirectoryState, _ctx: DirectoryDecideContext): DirectoryEvent[] {
  const { type: _type, ...unit } = command;
  const existing = state.units.get(unit.id);
  if (unit.parentId !== null) {
    const parent = state.units.get(unit.parentId);
    if (!parent || !parent.active) throw ruleViolation(`parent unit ${unit.parentId} does not exist or is retired`);
    if (isAncestorOrSelf(state, unit.id, unit.parentId)) throw ruleViolation('a unit cannot be moved under itself or its descendants');
  } else {
    const root = [...state.units.values()].find((u) => u.parentId === null && u.active);
    if (root && root.id !== unit.id) throw ruleViolation(`the directory already has a root (${root.id})`);
  }
  if (unit.kind === 'discipline_commission') {
    const other = [...state.units.values()].find((u) => u.kind === 'discipline_commission' && u.active && u.id !== unit.id);
    if (other) throw ruleViolation(`the deployment already has its discipline unit (${other.id})`);
  }
  if (!existing) return [{ type: 'UnitRegistered', data: { id: unit.id, name: unit.name, kind: unit.kind, parentId: unit.parentId } }];
  if (existing.kind === 'discipline_commission' && unit.kind !== 'discipline_commission') {
    throw ruleViolation('the discipline unit cannot change kind: the deployment must keep exactly one');
  }
  const events: DirectoryEvent[] = [];
  if (!existing.active) events.push({ type: 'UnitReactivated', data: { id: unit.id } });
  if (existing.name !== unit.name) events.push({ type: 'UnitRenamed', data: { id: unit.id, name: unit.name } });
  if (existing.kind !== unit.kind) events.push({ type: 'UnitKindChanged', data: { id: unit.id, kind: unit.kind } });
  if (existing.parentId !== unit.parentId) events.push({ type: 'UnitMoved', data: { id: unit.id, parentId: unit.parentId } });
  return events;
}
