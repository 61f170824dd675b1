/** Shared givens of the petition specs: the actors, the decide context, and the events of a typical petition. */
import { DEFAULT_SLA_POLICY, type Actor } from '@qf/kernel';
import { at, specOf } from '@qf/kernel/testing';
import { petitionAggregate, type DeadlineStart, type Petition, type PetitionEvent, type PetitionStage, type StoredPetitioner } from './petition';
import { decide, type PetitionCommand } from './petition.decide';
import type { PetitionDecideContext } from './petition-rules';

/**
 * The units the specs know: the district 区 (U-QU) with the petitions bureau 信访局 (U-XF), the housing bureau 住建局
 * (U-BM-ZJ), and a street 街道 (U-JD-01) with its community 社区 (U-JD-01-01), which handles the petition.
 */
const PARENT: Record<string, string | null> = { 'U-QU': null, 'U-XF': 'U-QU', 'U-BM-ZJ': 'U-QU', 'U-JD-01': 'U-QU', 'U-JD-01-01': 'U-JD-01' };
const parentOf = (unitId: string): string | null => PARENT[unitId] ?? null;
const inSubtree = (unitId: string, rootId: string): boolean => {
  for (let u: string | null = unitId; u; u = parentOf(u)) if (u === rootId) return true;
  return false;
};

export const officer: Actor = { sub: 'xf-1', name: '信访干部', roles: ['petition_officer'], unitId: 'U-XF' };
export const handler: Actor = { sub: 'sq-1', name: '社区经办人', roles: ['unit_handler'], unitId: 'U-JD-01-01' };
export const head: Actor = { sub: 'sq-0', name: '社区主任', roles: ['unit_head'], unitId: 'U-JD-01-01' };
export const otherHandler: Actor = { sub: 'zj-1', name: '住建局经办人', roles: ['unit_handler'], unitId: 'U-BM-ZJ' };
/** The supervisor of the handling unit's parent (the street): the one who decides a review. */
export const streetSupervisor: Actor = { sub: 'jd-dc', name: '街道督查', roles: ['supervisor'], unitId: 'U-JD-01' };
export const districtSupervisor: Actor = { sub: 'qu-dc', name: '区督查', roles: ['supervisor'], unitId: 'U-QU' };
/** A supervisor whose subtree does not hold the handling unit. */
export const bureauSupervisor: Actor = { sub: 'zj-dc', name: '住建局督查', roles: ['supervisor'], unitId: 'U-BM-ZJ' };
/** A supervisor in the handling unit itself: not above it. */
export const communitySupervisor: Actor = { sub: 'sq-dc', name: '社区督查', roles: ['supervisor'], unitId: 'U-JD-01-01' };

export const ctx = (actor: Actor, now: string): PetitionDecideContext => ({ actor, now: new Date(now), policy: DEFAULT_SLA_POLICY, parentOf, inSubtree });
export const petition = specOf<Petition, PetitionEvent, PetitionCommand, PetitionDecideContext>(petitionAggregate, decide);

export const ID = 'XF20260302-0001';
export const HANDLING_UNIT = 'U-JD-01-01';
export const petitioner: StoredPetitioner = { sealed: { pii: 1, subject: `petition-${ID}-petitioner`, iv: 'iv', tag: 'tag', data: 'ciphertext' }, idDigest: 'digest-of-id-number' };
export const stage = (stage: PetitionStage, startedAt: string, dueAt: string, warnAt: string): DeadlineStart => ({ stage, startedAt, dueAt, warnAt });

/*
 * The time limits of SPEC §4, in calendar days (the end of the Nth day after the start date, Asia/Shanghai), each
 * warning at 80 % of the stage's time (start + floor(0.8 × (due − start)) ms).
 */

/** Registered Mon 2026-03-02 09:00: `assign` 15 days → end of 03-17; 80 % of 15 d 14:59:59.999 is 12 d 11:59:59.999. */
export const T_REGISTERED = '2026-03-02T09:00:00.000+08:00';
export const ASSIGN = stage('assign', T_REGISTERED, '2026-03-17T23:59:59.999+08:00', '2026-03-14T20:59:59.999+08:00');
/** Assigned Tue 03-03 10:00: `accept` 15 days → end of 03-18. */
export const T_ASSIGNED = '2026-03-03T10:00:00.000+08:00';
export const ACCEPT = stage('accept', T_ASSIGNED, '2026-03-18T23:59:59.999+08:00', '2026-03-15T21:11:59.999+08:00');
/** Accepted Wed 03-04 09:00: `handle` 60 days → end of 05-03. */
export const T_ACCEPTED = '2026-03-04T09:00:00.000+08:00';
export const HANDLE = stage('handle', T_ACCEPTED, '2026-05-03T23:59:59.999+08:00', '2026-04-21T20:59:59.999+08:00');
/** Extended by 10 days on 04-01: `handle` due end of 05-13, its warning from the same start. */
export const T_EXTENDED = '2026-04-01T09:00:00.000+08:00';
export const EXTENDED_HANDLE = { dueAt: '2026-05-13T23:59:59.999+08:00', warnAt: '2026-04-29T20:59:59.999+08:00' };
/** Replied 04-10 09:00: a review may be requested until the end of 05-10. */
export const T_REPLIED = '2026-04-10T09:00:00.000+08:00';
/** Review requested 04-20 09:00: `review` 30 days → end of 05-20. */
export const T_REVIEW_REQUESTED = '2026-04-20T09:00:00.000+08:00';
export const REVIEW = stage('review', T_REVIEW_REQUESTED, '2026-05-20T23:59:59.999+08:00', '2026-05-14T20:59:59.999+08:00');
/** Review decided 05-10 09:00: a recheck may be requested until the end of 06-09. */
export const T_REVIEW_DECIDED = '2026-05-10T09:00:00.000+08:00';
/** Recheck requested 05-20 09:00: `recheck` 30 days → end of 06-19. */
export const T_RECHECK_REQUESTED = '2026-05-20T09:00:00.000+08:00';
export const RECHECK = stage('recheck', T_RECHECK_REQUESTED, '2026-06-19T23:59:59.999+08:00', '2026-06-13T20:59:59.999+08:00');
export const T_RECHECK_DECIDED = '2026-06-01T09:00:00.000+08:00';

export const registerCommand = {
  type: 'RegisterPetition' as const,
  id: ID,
  channel: 'visit' as const,
  petitioner,
  anonymous: false,
  subject: '小区物业拒不维修电梯',
  content: '电梯停运两个月，物业以资金不足为由拒不维修。',
  category: '城乡建设/物业管理',
  receivedAt: new Date(T_REGISTERED),
  repeatOf: null,
};
const { type: _type, receivedAt: _receivedAt, ...registeredData } = registerCommand;

export const registered = at<PetitionEvent>({ type: 'PetitionRegistered', data: { ...registeredData, deadlines: [ASSIGN] } }, T_REGISTERED);
export const assigned = at<PetitionEvent>({ type: 'PetitionAssigned', data: { id: ID, unitId: HANDLING_UNIT, mode: 'assign', deadlines: [ACCEPT] } }, T_ASSIGNED);
export const accepted = at<PetitionEvent>({ type: 'PetitionAccepted', data: { id: ID, unitId: HANDLING_UNIT, deadlines: [HANDLE] } }, T_ACCEPTED);
export const rejected = at<PetitionEvent>({ type: 'PetitionRejected', data: { id: ID, unitId: HANDLING_UNIT, reason: '已进入诉讼程序，依法不予受理' } }, T_ACCEPTED);
export const extended = at<PetitionEvent>(
  { type: 'PetitionExtended', data: { id: ID, unitId: HANDLING_UNIT, days: 10, reason: '需委托第三方检测电梯', handleDueAt: EXTENDED_HANDLE.dueAt, handleWarnAt: EXTENDED_HANDLE.warnAt } },
  T_EXTENDED,
);
export const replied = at<PetitionEvent>(
  { type: 'PetitionReplied', data: { id: ID, unitId: HANDLING_UNIT, result: 'supported', opinion: '责成物业于三十日内修复电梯。' } },
  T_REPLIED,
);
export const reviewRequested = at<PetitionEvent>({ type: 'ReviewRequested', data: { id: ID, reason: '物业仍未修复', deadlines: [REVIEW] } }, T_REVIEW_REQUESTED);
export const reviewDecided = at<PetitionEvent>(
  { type: 'ReviewDecided', data: { id: ID, reviewerUnitId: 'U-JD-01', result: 'upheld', opinion: '维持原处理意见。' } },
  T_REVIEW_DECIDED,
);
export const recheckRequested = at<PetitionEvent>({ type: 'RecheckRequested', data: { id: ID, reason: '对复查意见不服', deadlines: [RECHECK] } }, T_RECHECK_REQUESTED);
export const recheckDecided = at<PetitionEvent>(
  { type: 'RecheckDecided', data: { id: ID, reviewerUnitId: 'U-QU', result: 'upheld', opinion: '维持复查意见。' } },
  T_RECHECK_DECIDED,
);
export const closedByRecheck = at<PetitionEvent>({ type: 'PetitionClosed', data: { id: ID, by: 'recheck' } }, T_RECHECK_DECIDED);
export const closedByBureau = at<PetitionEvent>({ type: 'PetitionClosed', data: { id: ID, by: 'bureau' } }, '2026-04-15T09:00:00.000+08:00');
