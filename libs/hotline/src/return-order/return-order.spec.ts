import { ctx, dispatched, handler, reopened, replied, returned, signed, signedAgain, visitedUnsatisfied, workOrder } from '../work-order.fixtures';

const back = { type: 'ReturnOrder' as const, reason: '不属于本街道辖区' };

describe('退单 ReturnOrder', () => {
  it('given a dispatched order, when its unit returns it within 2 working days (10-09 and 10-10 after the holiday), then it is returned', () => {
    workOrder.given(dispatched).when(back, ctx(handler, '2025-10-10T18:00:00+08:00')).then([{ type: 'OrderReturned', data: { orderNo: 'RX-1', unitId: 'U-JD-01', reason: '不属于本街道辖区' } }]);
  });

  it('given a dispatched order, when the window has passed, then it is a rule violation', () => {
    workOrder.given(dispatched).when(back, ctx(handler, '2025-10-11T09:00:00+08:00')).thenFails('RULE_VIOLATION', /2 working days/);
  });

  it('given a returned order, then the sign stage is met and the reply stage cancelled', () => {
    expect(workOrder.given(dispatched, returned).state.deadlines.map((d) => d.state)).toEqual(['met', 'cancelled']);
  });

  it('given a replied order, when its unit returns it, then the transition is invalid', () => {
    workOrder.given(dispatched, signed, replied).when(back, ctx(handler, '2025-10-09T10:00:00+08:00')).thenFails('INVALID_TRANSITION');
  });

  it('given an order replied to, reopened and signed again, when its unit returns it within 2 working days of the reopen, then it is a rule violation', () => {
    workOrder.given(dispatched, signed, replied, visitedUnsatisfied, reopened, signedAgain).when(back, ctx(handler, '2025-10-10T12:00:00+08:00')).thenFails('RULE_VIOLATION', /replied to/);
  });
});
