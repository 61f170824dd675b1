import { ctx, dispatched, operator, returned, round, workOrder } from '../work-order.fixtures';

describe('改派 RedispatchOrder', () => {
  it('given a returned order, when the centre sends it to another unit, then a new round starts with fresh limits', () => {
    const start = '2025-09-30T13:00:00.000+08:00';
    workOrder
      .given(dispatched, returned)
      .when({ type: 'RedispatchOrder', unitId: 'U-JD-02' }, ctx(operator, '2025-09-30T13:00:00+08:00'))
      .then([
        {
          type: 'OrderRedispatched',
          data: { orderNo: 'RX-1', fromUnitId: 'U-JD-01', unitId: 'U-JD-02', deadlines: round(start, '2025-10-09T23:59:59.999+08:00', '2025-10-14T23:59:59.999+08:00', '2025-10-08T02:35:59.999+08:00', '2025-10-12T02:35:59.999+08:00') },
        },
      ]);
  });

  it('given a returned order, when it is sent back to the unit that returned it, then it is a rule violation', () => {
    workOrder.given(dispatched, returned).when({ type: 'RedispatchOrder', unitId: 'U-JD-01' }, ctx(operator, '2025-09-30T13:00:00+08:00')).thenFails('RULE_VIOLATION');
  });

  it('given an order not returned, when it is redispatched, then the transition is invalid', () => {
    workOrder.given(dispatched).when({ type: 'RedispatchOrder', unitId: 'U-JD-02' }, ctx(operator, '2025-09-30T13:00:00+08:00')).thenFails('INVALID_TRANSITION');
  });
});
