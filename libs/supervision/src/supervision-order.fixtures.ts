/** Shared givens of the supervision-order specs: the actors, the decide context, and the events of a typical order. */
import { DEFAULT_SLA_POLICY, type Actor, type DeadlineStart } from '@qf/kernel';
import { at, specOf } from '@qf/kernel/testing';
import { supervisionOrderAggregate, type SupervisionOrder, type SupervisionOrderEvent } from './supervision-order';
import { decide, type SupervisionOrderCommand } from './supervision-order.decide';
import type { SupervisionOrderDecideContext } from './supervision-order.rules';

export const supervisor: Actor = { sub: 'sup-1', name: '督查员', roles: ['supervisor'], unitId: 'U-QU' };
export const handler: Actor = { sub: 'h-1', name: '经办人', roles: ['unit_handler'], unitId: 'U-JD-01' };
export const head: Actor = { sub: 'hd-1', name: '负责人', roles: ['unit_head'], unitId: 'U-JD-01' };
export const otherHandler: Actor = { sub: 'h-2', name: '经办人', roles: ['unit_handler'], unitId: 'U-JD-02' };

export const ctx = (actor: Actor, now: string): SupervisionOrderDecideContext => ({ actor, now: new Date(now), policy: DEFAULT_SLA_POLICY });
export const supervisionOrder = specOf<SupervisionOrder, SupervisionOrderEvent, SupervisionOrderCommand, SupervisionOrderDecideContext>(supervisionOrderAggregate, decide);

/** Issued Mon 2026-03-16 09:00 Beijing time (Qingming 2026: 04-04..06 off); each warning at 80 % of its stage's time. */
export const T0 = '2026-03-16T09:00:00.000+08:00';
const stage = (name: string, dueAt: string, warnAt: string): DeadlineStart => ({ stage: name, startedAt: T0, dueAt, warnAt });
/** 13710: study the same day, feedback in 3, effect in 7, resolve in 10 calendar days. */
export const STAGES_13710 = [
  stage('study', '2026-03-16T23:59:59.999+08:00', '2026-03-16T20:59:59.999+08:00'),
  stage('feedback', '2026-03-19T23:59:59.999+08:00', '2026-03-19T06:35:59.999+08:00'),
  stage('effect', '2026-03-23T23:59:59.999+08:00', '2026-03-22T11:23:59.999+08:00'),
  stage('resolve', '2026-03-26T23:59:59.999+08:00', '2026-03-24T20:59:59.999+08:00'),
];
/** standard: feedback in 7, resolve in 15 working days (the 15th is 04-07, after the Qingming break). */
export const STAGES_STANDARD = [
  stage('feedback', '2026-03-25T23:59:59.999+08:00', '2026-03-24T01:47:59.999+08:00'),
  stage('resolve', '2026-04-07T23:59:59.999+08:00', '2026-04-03T11:23:59.999+08:00'),
];

export const issueCommand = {
  type: 'IssueSupervisionOrder' as const,
  id: 'DB20260316-0001',
  caseKind: 'hotline' as const,
  caseId: 'RX-1',
  requirement: '三日内反馈整改方案',
  preset: '13710' as const,
  caseUnitId: 'U-JD-01',
};

export const issued = at<SupervisionOrderEvent>(
  {
    type: 'SupervisionOrderIssued',
    data: { id: 'DB20260316-0001', caseKind: 'hotline', caseId: 'RX-1', requirement: '三日内反馈整改方案', preset: '13710', unitId: 'U-JD-01', issuedBy: { sub: 'sup-1', unitId: 'U-QU' }, deadlines: STAGES_13710 },
  },
  T0,
);
export const answered = (name: string, occurredAt: string) =>
  at<SupervisionOrderEvent>({ type: 'SupervisionStageAnswered', data: { id: 'DB20260316-0001', stage: name, content: `${name} 已完成`, unitId: 'U-JD-01' } }, occurredAt);
export const studied = answered('study', '2026-03-16T17:00:00.000+08:00');
