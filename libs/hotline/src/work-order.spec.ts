import { Actor, DEFAULT_SLA_POLICY, DomainError, formatShanghai } from '@qf/platform';
import { WorkOrder, WorkOrderEvent, evolve, initialWorkOrder } from './work-order';
import { HotlineDecideContext } from './hotline-rules';
import { decideCreateOrder } from './create-order/create-order';
import { decideSignOrder } from './sign-order/sign-order';
import { decideReturnOrder } from './return-order/return-order';
import { decideRedispatchOrder } from './redispatch-order/redispatch-order';
import { decideRequestExtension } from './request-extension/request-extension';
import { decideExtensionDecision } from './decide-extension/decide-extension';
import { decideReplyOrder } from './reply-order/reply-order';
import { decideVisitOrder } from './visit-order/visit-order';
import { decideReopenOrder } from './reopen-order/reopen-order';

const operator: Actor = { sub: 'op-1', name: '话务员', roles: ['hotline_operator'], unitId: 'U-RX' };
const handler: Actor = { sub: 'h-1', name: '经办人', roles: ['unit_handler'], unitId: 'U-JD-01' };
const otherHandler: Actor = { sub: 'h-2', name: '经办人', roles: ['unit_handler'], unitId: 'U-JD-02' };

const at = (iso: string): HotlineDecideContext['now'] => new Date(iso);
const ctx = (actor: Actor, now: string): HotlineDecideContext => ({ actor, now: at(now), policy: DEFAULT_SLA_POLICY });

/** given(events at times) → the folded state, emmett style. */
function given(...events: Array<[WorkOrderEvent, string]>): WorkOrder {
  return events.reduce((s, [e, t]) => evolve(s, { ...e, occurredAt: formatShanghai(new Date(t)), recordedAt: formatShanghai(new Date(t)) }), initialWorkOrder());
}

const create = {
  orderNo: 'RX-1',
  channel: 'phone' as const,
  category: '城市管理',
  urgency: 'normal' as const,
  content: '夜间占道经营噪音扰民',
  // Sealed by the application service before decide sees it; decide only compares digests.
  caller: { sealed: { pii: 1 as const, subject: 'hotline-RX-1-caller', iv: 'iv', tag: 'tag', data: 'ciphertext' }, digest: 'digest-of-caller' },
  unitId: 'U-JD-01',
};
const T0 = '2025-09-30T10:00:00+08:00';
const dispatched = (): [WorkOrderEvent, string] => [decideCreateOrder(create, initialWorkOrder(), ctx(operator, T0)).events[0], T0];
const signed: [WorkOrderEvent, string] = [{ type: 'OrderSigned', data: { orderNo: 'RX-1', unitId: 'U-JD-01' } }, '2025-09-30T11:00:00+08:00'];

function expectError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('work order (工单) decisions', () => {
  it('dispatch sets the §4 example due times: sign 2025-10-09, reply 2025-10-14 (National Day and the 10-11 调休 Saturday)', () => {
    const [event] = dispatched();
    expect(event.type).toBe('OrderDispatched');
    const deadlines = (event as Extract<WorkOrderEvent, { type: 'OrderDispatched' }>).data.deadlines;
    expect(deadlines.map((d) => [d.stage, d.dueAt])).toEqual([
      ['sign', '2025-10-09T23:59:59.999+08:00'],
      ['reply', '2025-10-14T23:59:59.999+08:00'],
    ]);
  });

  it('a future dispatchedAt is a rule violation', () => {
    expectError(() => decideCreateOrder({ ...create, dispatchedAt: '2025-10-01T00:00:00+08:00' }, initialWorkOrder(), ctx(operator, T0)), 'RULE_VIOLATION');
  });

  it('creating the same order again appends nothing; another body under the same number is a duplicate', () => {
    const state = given(dispatched());
    expect(decideCreateOrder(create, state, ctx(operator, '2025-09-30T10:05:00+08:00')).events).toEqual([]);
    expectError(() => decideCreateOrder({ ...create, content: '另一件事' }, state, ctx(operator, T0)), 'DUPLICATE');
    const otherCaller = { ...create, caller: { ...create.caller, digest: 'digest-of-someone-else' } };
    expectError(() => decideCreateOrder(otherCaller, state, ctx(operator, T0)), 'DUPLICATE');
  });

  it('only the assigned unit signs; signing meets the sign stage', () => {
    const state = given(dispatched());
    expectError(() => decideSignOrder(state, ctx(otherHandler, '2025-09-30T11:00:00+08:00')), 'FORBIDDEN');
    expectError(() => decideSignOrder(state, ctx(operator, '2025-09-30T11:00:00+08:00')), 'FORBIDDEN');
    const after = given(dispatched(), signed);
    expect(after.status).toBe('signed');
    expect(after.deadlines.find((d) => d.stage === 'sign')?.state).toBe('met');
    expectError(() => decideSignOrder(after, ctx(handler, '2025-09-30T12:00:00+08:00')), 'INVALID_TRANSITION');
  });

  it('a return is allowed within 2 working days of dispatch, not after; it meets sign and cancels reply', () => {
    const state = given(dispatched());
    // Dispatched Tue 09-30; the next two working days are 10-09 and 10-10 (holiday in between).
    expect(decideReturnOrder({ reason: '不属于本街道辖区' }, state, ctx(handler, '2025-10-10T18:00:00+08:00'))).toHaveLength(1);
    expectError(() => decideReturnOrder({ reason: '不属于本街道辖区' }, state, ctx(handler, '2025-10-11T09:00:00+08:00')), 'RULE_VIOLATION');
    const returned = given(dispatched(), [decideReturnOrder({ reason: '不属于本街道辖区' }, state, ctx(handler, '2025-09-30T12:00:00+08:00'))[0], '2025-09-30T12:00:00+08:00']);
    expect(returned.status).toBe('returned');
    expect(returned.deadlines.map((d) => d.state)).toEqual(['met', 'cancelled']);
  });

  it('redispatch goes to another unit with fresh limits', () => {
    const state = given(dispatched(), [{ type: 'OrderReturned', data: { orderNo: 'RX-1', unitId: 'U-JD-01', reason: '不属于本街道辖区' } }, '2025-09-30T12:00:00+08:00']);
    expectError(() => decideRedispatchOrder({ unitId: 'U-JD-01' }, state, ctx(operator, '2025-09-30T13:00:00+08:00')), 'RULE_VIOLATION');
    const [e] = decideRedispatchOrder({ unitId: 'U-JD-02' }, state, ctx(operator, '2025-09-30T13:00:00+08:00'));
    const after = given(dispatched(), [{ type: 'OrderReturned', data: { orderNo: 'RX-1', unitId: 'U-JD-01', reason: '不属于本街道辖区' } }, '2025-09-30T12:00:00+08:00'], [e, '2025-09-30T13:00:00+08:00']);
    expect(after.unitId).toBe('U-JD-02');
    expect(after.status).toBe('dispatched');
    expect(after.deadlines.filter((d) => d.state === 'pending').map((d) => d.round)).toEqual([2, 2]);
  });

  it('an approved extension moves the reply due time by working days; 10 days in total at most', () => {
    const state = given(dispatched(), signed);
    const [requested] = decideRequestExtension({ days: 3, reason: '需现场勘查' }, state, ctx(handler, '2025-10-09T09:00:00+08:00'));
    const pending = given(dispatched(), signed, [requested, '2025-10-09T09:00:00+08:00']);
    expectError(() => decideRequestExtension({ days: 1, reason: '再申请' }, pending, ctx(handler, '2025-10-09T10:00:00+08:00')), 'RULE_VIOLATION');
    const [decided] = decideExtensionDecision({ approved: true }, pending, ctx(operator, '2025-10-09T11:00:00+08:00'));
    const extended = given(dispatched(), signed, [requested, '2025-10-09T09:00:00+08:00'], [decided, '2025-10-09T11:00:00+08:00']);
    // 10-14 + 3 working days = Fri 10-17.
    expect(extended.deadlines.find((d) => d.stage === 'reply')?.dueAt).toBe('2025-10-17T23:59:59.999+08:00');
    expectError(() => decideRequestExtension({ days: 8, reason: '再延期' }, extended, ctx(handler, '2025-10-10T09:00:00+08:00')), 'RULE_VIOLATION');
    expect(decideRequestExtension({ days: 7, reason: '再延期' }, extended, ctx(handler, '2025-10-10T09:00:00+08:00'))).toHaveLength(1);
  });

  it('reply → unsatisfied visit → reopen → sign → reply → satisfied visit closes', () => {
    let events: Array<[WorkOrderEvent, string]> = [dispatched(), signed];
    const step = (e: WorkOrderEvent[], t: string) => (events = [...events, ...e.map((x): [WorkOrderEvent, string] => [x, t])]);
    expectError(() => decideReopenOrder({ reason: '未解决' }, given(...events), ctx(operator, '2025-10-09T09:00:00+08:00')), 'INVALID_TRANSITION');
    step(decideReplyOrder({ outcome: 'resolved', reply: '已联合城管清理占道摊点。' }, given(...events), ctx(handler, '2025-10-09T09:00:00+08:00')), '2025-10-09T09:00:00+08:00');
    expectError(() => decideReopenOrder({ reason: '未解决' }, given(...events), ctx(operator, '2025-10-09T10:00:00+08:00')), 'RULE_VIOLATION');
    step(decideVisitOrder({ satisfaction: 'unsatisfied', resolved: false }, given(...events), ctx(operator, '2025-10-10T09:00:00+08:00')), '2025-10-10T09:00:00+08:00');
    expect(given(...events).status).toBe('replied');
    step(decideReopenOrder({ reason: '群众反映仍未解决' }, given(...events), ctx(operator, '2025-10-10T10:00:00+08:00')), '2025-10-10T10:00:00+08:00');
    expect(given(...events)).toMatchObject({ status: 'reopened', reopenCount: 1, round: 2 });
    step(decideSignOrder(given(...events), ctx(handler, '2025-10-10T11:00:00+08:00')), '2025-10-10T11:00:00+08:00');
    step(decideReplyOrder({ outcome: 'resolved', reply: '已再次清理并设置夜间巡查。' }, given(...events), ctx(handler, '2025-10-13T09:00:00+08:00')), '2025-10-13T09:00:00+08:00');
    step(decideVisitOrder({ satisfaction: 'satisfied', resolved: true }, given(...events), ctx(operator, '2025-10-14T09:00:00+08:00')), '2025-10-14T09:00:00+08:00');
    const final = given(...events);
    expect(final.status).toBe('closed');
    expect(final.deadlines.map((d) => `${d.round}:${d.stage}:${d.state}`)).toEqual(['1:sign:met', '1:reply:met', '2:sign:met', '2:reply:met']);
    expectError(() => decideVisitOrder({ satisfaction: 'satisfied', resolved: true }, final, ctx(operator, '2025-10-15T09:00:00+08:00')), 'INVALID_TRANSITION');
  });
});
