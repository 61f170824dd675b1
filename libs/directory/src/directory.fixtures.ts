/** Shared givens of the directory specs: the actors, the decide context, and a small district. */
import type { Actor } from '@qf/kernel';
import { at, specOf } from '@qf/kernel/testing';
import { directoryAggregate, type DirectoryEvent, type DirectoryState, type UnitDefinition } from './directory';
import { decide, type DirectoryCommand } from './directory.decide';
import type { DirectoryDecideContext } from './directory-rules';

export const admin: Actor = { sub: 'admin-1', name: '管理员', roles: ['admin'], unitId: 'U-QU' };
export const ctx = (actor: Actor = admin, now = '2026-03-16T09:00:00+08:00'): DirectoryDecideContext => ({ actor, now: new Date(now) });
export const directory = specOf<DirectoryState, DirectoryEvent, DirectoryCommand, DirectoryDecideContext>(directoryAggregate, decide);

const registered = (unit: UnitDefinition) => at<DirectoryEvent>({ type: 'UnitRegistered', data: unit }, '2026-01-05T09:00:00+08:00');

/** 清风区: the district government, a street with a community under it, another street, the discipline unit. */
export const district = registered({ id: 'U-QU', name: '清风区人民政府', kind: 'other', parentId: null });
export const street = registered({ id: 'U-JD-01', name: '东城街道', kind: 'street', parentId: 'U-QU' });
export const community = registered({ id: 'U-SQ-01', name: '东城社区', kind: 'other', parentId: 'U-JD-01' });
export const otherStreet = registered({ id: 'U-JD-02', name: '西城街道', kind: 'street', parentId: 'U-QU' });
export const discipline = registered({ id: 'U-JW', name: '区纪委监委', kind: 'discipline_commission', parentId: 'U-QU' });
export const DISTRICT = [district, street, community, otherStreet, discipline];
export const retiredStreet = at<DirectoryEvent>({ type: 'UnitRetired', data: { id: 'U-JD-02' } }, '2026-02-01T09:00:00+08:00');
