/** Shared givens of the work-order specs: the actors, the decide context, and the events of a typical order. */
import { DEFAULT_SLA_POLICY, type Actor } from '@qf/kernel';
import { at, specOf } from '@qf/kernel/testing';
import { workOrderAggregate, type DeadlineStart, type WorkOrderEvent } from './work-order';
import { decide, type WorkOrderCommand } from './work-order.decide';
import type { HotlineDecideContext } from './hotline-rules';

export const operator: Actor = { sub: 'op-1', name: '话务员', roles: ['hotline_operator'], unitId: 'U-RX' };
export const handler: Actor = { sub: 'h-1', name: '经办人', roles: ['unit_handler'], unitId: 'U-JD-01' };
export const otherHandler: Actor = { sub: 'h-2', name: '经办人', roles: ['unit_handler'], unitId: 'U-JD-02' };

export const ctx = (actor: Actor, now: string): HotlineDecideContext => ({ actor, now: new Date(now), policy: DEFAULT_SLA_POLICY });
export const workOrder = specOf<ReturnType<typeof workOrderAggregate.initialState>, WorkOrderEvent, WorkOrderCommand, HotlineDecideContext>(workOrderAggregate, decide);

/** Dispatched Tue 2025-09-30 10:00 (the SPEC §4 example: National Day holiday 10-01..08, Sat 10-11 a working day);
 *  each warning at 80 % of its stage's time. */
export const T0 = '2025-09-30T10:00:00.000+08:00';
export const round = (start: string, sign: string, reply: string, signWarn: string, replyWarn: string): DeadlineStart[] => [
  { stage: 'sign', startedAt: start, dueAt: sign, warnAt: signWarn },
  { stage: 'reply', startedAt: start, dueAt: reply, warnAt: replyWarn },
];
export const ROUND_1 = round(T0, '2025-10-09T23:59:59.999+08:00', '2025-10-14T23:59:59.999+08:00', '2025-10-08T01:59:59.999+08:00', '2025-10-12T01:59:59.999+08:00');
export const caller = { sealed: { pii: 1 as const, subject: 'hotline-RX-1-caller', iv: 'iv', tag: 'tag', data: 'ciphertext' }, digest: 'digest-of-caller' };
export const createCommand = {
  type: 'CreateOrder' as const,
  orderNo: 'RX-1',
  channel: 'phone' as const,
  category: '城市管理',
  urgency: 'normal' as const,
  content: '夜间占道经营噪音扰民',
  caller,
  unitId: 'U-JD-01',
};

export const dispatched = at<WorkOrderEvent>(
  { type: 'OrderDispatched', data: { orderNo: 'RX-1', channel: 'phone', category: '城市管理', urgency: 'normal', content: '夜间占道经营噪音扰民', caller, address: null, unitId: 'U-JD-01', deadlines: ROUND_1 } },
  T0,
);
export const signed = at<WorkOrderEvent>({ type: 'OrderSigned', data: { orderNo: 'RX-1', unitId: 'U-JD-01' } }, '2025-09-30T11:00:00.000+08:00');
export const returned = at<WorkOrderEvent>({ type: 'OrderReturned', data: { orderNo: 'RX-1', unitId: 'U-JD-01', reason: '不属于本街道辖区' } }, '2025-09-30T12:00:00.000+08:00');
export const replied = at<WorkOrderEvent>({ type: 'OrderReplied', data: { orderNo: 'RX-1', unitId: 'U-JD-01', outcome: 'resolved', reply: '已联合城管清理占道摊点。' } }, '2025-10-09T09:00:00.000+08:00');
export const visitedUnsatisfied = at<WorkOrderEvent>(
  { type: 'OrderVisited', data: { orderNo: 'RX-1', unitId: 'U-JD-01', satisfaction: 'unsatisfied', resolved: false, comment: null } },
  '2025-10-10T09:00:00.000+08:00',
);
/** The order reopened after the unsatisfied visit (a second round), and signed again within it. */
export const reopened = at<WorkOrderEvent>({ type: 'OrderReopened', data: { orderNo: 'RX-1', unitId: 'U-JD-01', reason: '仍未解决', deadlines: [
  { stage: 'sign', startedAt: '2025-10-10T10:00:00.000+08:00', dueAt: '2025-10-11T23:59:59.999+08:00', warnAt: '2025-10-11T16:23:59.999+08:00' },
  { stage: 'reply', startedAt: '2025-10-10T10:00:00.000+08:00', dueAt: '2025-10-16T23:59:59.999+08:00', warnAt: '2025-10-15T16:23:59.999+08:00' },
] } }, '2025-10-10T10:00:00.000+08:00');
export const signedAgain = at<WorkOrderEvent>({ type: 'OrderSigned', data: { orderNo: 'RX-1', unitId: 'U-JD-01' } }, '2025-10-10T11:00:00.000+08:00');
export const extensionRequested = at<WorkOrderEvent>({ type: 'ExtensionRequested', data: { orderNo: 'RX-1', unitId: 'U-JD-01', days: 3, reason: '需现场勘查' } }, '2025-10-09T09:00:00.000+08:00');
