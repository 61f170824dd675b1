import type { Recorded } from '@qf/kernel';

/**
 * 组织机构 — the units directory (SPEC §2): one stream of unit events every context scopes by. Rankings follow a unit's
 * `id`, never its name (机构改革 renames units).
 */
export const UNIT_KINDS = ['street', 'town', 'department', 'supervision_office', 'discipline_commission', 'hotline_centre', 'petitions_bureau', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A unit id: letters, digits, - and _, at most 40. */
export const UNIT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/** A unit of the directory (单位). */
export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  active: boolean;
}

/** What an administrator (or the seed file) says a unit is. */
export interface UnitDefinition {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
}

export const DIRECTORY_STREAM = 'directory';

/** 登记单位 — a new unit under its parent. */
export type UnitRegistered = { type: 'UnitRegistered'; data: UnitDefinition };
/** 单位更名. */
export type UnitRenamed = { type: 'UnitRenamed'; data: { id: string; name: string } };
/** 单位类型变更. */
export type UnitKindChanged = { type: 'UnitKindChanged'; data: { id: string; kind: UnitKind } };
/** 隶属关系调整 — the unit moved under another parent. */
export type UnitMoved = { type: 'UnitMoved'; data: { id: string; parentId: string | null } };
/** 撤销单位 — retired; its history (and rankings by id) stay. */
export type UnitRetired = { type: 'UnitRetired'; data: { id: string } };
/** 恢复单位 — a retired unit put again. */
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
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
  return { units };
}

export const directoryAggregate = { initialState: initialDirectory, evolve: evolveDirectory };

/** Is `candidate` the unit `of` or one of its ancestors? */
export function isAncestorOrSelf(state: DirectoryState, candidate: string, of: string | null): boolean {
  for (let id = of; id; id = state.units.get(id)?.parentId ?? null) if (id === candidate) return true;
  return false;
}
