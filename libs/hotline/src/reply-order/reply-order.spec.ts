import { ctx, dispatched, handler, otherHandler, signed, workOrder } from '../work-order.fixtures';

const answer = { type: 'ReplyOrder' as const, outcome: 'resolved' as const, reply: '已联合城管清理占道摊点。' };

describe('办结反馈 ReplyOrder', () => {
  it('given a signed order, when its unit replies, then the reply is recorded and meets the reply stage', () => {
    const given = workOrder.given(dispatched, signed);
    given.when(answer, ctx(handler, '2025-10-09T09:00:00+08:00')).then([{ type: 'OrderReplied', data: { orderNo: 'RX-1', unitId: 'U-JD-01', outcome: 'resolved', reply: '已联合城管清理占道摊点。' } }]);
  });

  it('given an order not signed yet, when its unit replies, then the transition is invalid', () => {
    workOrder.given(dispatched).when(answer, ctx(handler, '2025-10-09T09:00:00+08:00')).thenFails('INVALID_TRANSITION');
  });

  it('given a signed order, when another unit replies, then it is forbidden', () => {
    workOrder.given(dispatched, signed).when(answer, ctx(otherHandler, '2025-10-09T09:00:00+08:00')).thenFails('FORBIDDEN');
  });
});
