import { DomainError, Recorded, ruleViolation } from '@qf/platform';

/** 组织机构 — kinds of unit in the directory. */
export const UNIT_KINDS = ['street', 'town', 'department', 'supervision_office', 'discipline_commission', 'hotline_centre', 'petitions_bureau', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A unit of the directory (单位). Rankings follow `id`, never the name (机构改革 renames units). */
export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  active: boolean;
}

export const DIRECTORY_STREAM = 'directory';

export type UnitRegistered = { type: 'UnitRegistered'; data: { id: string; name: string; kind: UnitKind; parentId: string | null } };
export type UnitRenamed = { type: 'UnitRenamed'; data: { id: string; name: string } };
export type UnitKindChanged = { type: 'UnitKindChanged'; data: { id: string; kind: UnitKind } };
export type UnitMoved = { type: 'UnitMoved'; data: { id: string; parentId: string | null } };
export type UnitRetired = { type: 'UnitRetired'; data: { id: string } };
export type UnitReactivated = { type: 'UnitReactivated'; data: { id: string } };
export type DirectoryEvent = UnitRegistered | UnitRenamed | UnitKindChanged | UnitMoved | UnitRetired | UnitReactivated;

export interface DirectoryState {
  units: Map<string, Unit>;
}

export const initialDirectory = (): DirectoryState => ({ units: new Map() });

export function evolveDirectory(state: DirectoryState, event: Recorded<DirectoryEvent> | DirectoryEvent): DirectoryState {
  const units = new Map(state.units);
  const unit = units.get(event.data.id);
  switch (event.type) {
    case 'UnitRegistered':
      units.set(event.data.id, { ...event.data, active: true });
      break;
    case 'UnitRenamed':
      if (unit) units.set(unit.id, { ...unit, name: event.data.name });
      break;
    case 'UnitKindChanged':
      if (unit) units.set(unit.id, { ...unit, kind: event.data.kind });
      break;
    case 'UnitMoved':
      if (unit) units.set(unit.id, { ...unit, parentId: event.data.parentId });
      break;
    case 'UnitRetired':
      if (unit) units.set(unit.id, { ...unit, active: false });
      break;
    case 'UnitReactivated':
      if (unit) units.set(unit.id, { ...unit, active: true });
      break;
  }
  return { units };
}

export interface PutUnit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
}

function isAncestorOrSelf(state: DirectoryState, candidate: string, of: string | null): boolean {
  for (let id = of; id; id = state.units.get(id)?.parentId ?? null) if (id === candidate) return true;
  return false;
}

/** PUT /api/units/:id — creates the unit or records what changed (rename, move, kind, reactivation). */
export function decidePutUnit(command: PutUnit, state: DirectoryState): DirectoryEvent[] {
  const existing = state.units.get(command.id);
  if (command.parentId !== null) {
    const parent = state.units.get(command.parentId);
    if (!parent || !parent.active) throw ruleViolation(`parent unit ${command.parentId} does not exist or is retired`);
    if (isAncestorOrSelf(state, command.id, command.parentId)) throw ruleViolation('a unit cannot be moved under itself or its descendants');
  } else {
    const root = [...state.units.values()].find((u) => u.parentId === null && u.active);
    if (root && root.id !== command.id) throw ruleViolation(`the directory already has a root (${root.id})`);
  }
  if (command.kind === 'discipline_commission') {
    const other = [...state.units.values()].find((u) => u.kind === 'discipline_commission' && u.active && u.id !== command.id);
    if (other) throw ruleViolation(`the deployment already has its discipline unit (${other.id})`);
  }
  if (!existing) return [{ type: 'UnitRegistered', data: { ...command } }];
  if (existing.kind === 'discipline_commission' && command.kind !== 'discipline_commission') {
    throw ruleViolation('the discipline unit cannot change kind: the deployment must keep exactly one');
  }
  const events: DirectoryEvent[] = [];
  if (!existing.active) events.push({ type: 'UnitReactivated', data: { id: command.id } });
  if (existing.name !== command.name) events.push({ type: 'UnitRenamed', data: { id: command.id, name: command.name } });
  if (existing.kind !== command.kind) events.push({ type: 'UnitKindChanged', data: { id: command.id, kind: command.kind } });
  if (existing.parentId !== command.parentId) events.push({ type: 'UnitMoved', data: { id: command.id, parentId: command.parentId } });
  return events;
}

/** DELETE /api/units/:id — retires the unit; its history (and rankings by id) stay. */
export function decideRetireUnit(id: string, state: DirectoryState): DirectoryEvent[] {
  const unit = state.units.get(id);
  if (!unit) throw new DomainError('NOT_FOUND', `unit ${id} not found`);
  if (!unit.active) return [];
  if (unit.parentId === null) throw ruleViolation('the root unit cannot be retired');
  if (unit.kind === 'discipline_commission') throw ruleViolation('the discipline unit cannot be retired');
  const child = [...state.units.values()].find((u) => u.parentId === id && u.active);
  if (child) throw ruleViolation(`unit ${id} still has active units under it (${child.id}); move or retire them first`);
  return [{ type: 'UnitRetired', data: { id } }];
}

/** The seed file: units in order, parents before children, exactly one discipline unit. */
export function decideSeed(units: PutUnit[], state: DirectoryState): DirectoryEvent[] {
  if (state.units.size > 0) return [];
  if (units.filter((u) => u.kind === 'discipline_commission').length !== 1) {
    throw ruleViolation('the directory seed must contain exactly one discipline_commission unit');
  }
  let s = state;
  const events: DirectoryEvent[] = [];
  for (const unit of units) {
    if (s.units.has(unit.id)) throw ruleViolation(`unit ${unit.id} appears twice in the seed`);
    for (const e of decidePutUnit(unit, s)) {
      events.push(e);
      s = evolveDirectory(s, e);
    }
  }
  return events;
}

/** Queries over a folded directory. */
export class DirectoryView {
  constructor(readonly state: DirectoryState) {}

  get(id: string): Unit | undefined {
    return this.state.units.get(id);
  }

  list(): Unit[] {
    return [...this.state.units.values()];
  }

  /** The unit and all its descendants (active or not: retired units keep their cases). */
  subtree(id: string): string[] {
    const children = new Map<string, string[]>();
    for (const u of this.state.units.values()) {
      if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
    }
    const out: string[] = [];
    const walk = (x: string) => {
      out.push(x);
      for (const c of children.get(x) ?? []) walk(c);
    };
    if (this.state.units.has(id)) walk(id);
    return out;
  }

  isInSubtree(unitId: string, rootId: string): boolean {
    return isAncestorOrSelf(this.state, rootId, unitId);
  }

  root(): Unit | undefined {
    return this.list().find((u) => u.parentId === null && u.active);
  }

  /** The petitions bureau (信访局), the unit responsible for petitions not yet assigned. */
  petitionsBureau(): Unit | undefined {
    return this.list().find((u) => u.kind === 'petitions_bureau' && u.active);
  }

  disciplineUnit(): Unit | undefined {
    return this.list().find((u) => u.kind === 'discipline_commission' && u.active);
  }
}
