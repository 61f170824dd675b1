import { ctx, dispatched, operator, replied, signed, workOrder } from '../work-order.fixtures';

describe('回访 VisitOrder', () => {
  it('given a replied order, when the citizen is satisfied, then the visit is recorded and the order closes', () => {
    const given = workOrder.given(dispatched, signed, replied);
    given.when({ type: 'VisitOrder', satisfaction: 'satisfied', resolved: true }, ctx(operator, '2025-10-10T09:00:00+08:00')).then([
      { type: 'OrderVisited', data: { orderNo: 'RX-1', unitId: 'U-JD-01', satisfaction: 'satisfied', resolved: true, comment: null } },
      { type: 'OrderClosed', data: { orderNo: 'RX-1', unitId: 'U-JD-01' } },
    ]);
  });

  it('given a replied order, when the citizen is unsatisfied, then the order stays replied', () => {
    workOrder
      .given(dispatched, signed, replied)
      .when({ type: 'VisitOrder', satisfaction: 'unsatisfied', resolved: false, comment: '仍有噪音' }, ctx(operator, '2025-10-10T09:00:00+08:00'))
      .then([{ type: 'OrderVisited', data: { orderNo: 'RX-1', unitId: 'U-JD-01', satisfaction: 'unsatisfied', resolved: false, comment: '仍有噪音' } }]);
  });

  it('given an order not replied, when it is visited, then the transition is invalid', () => {
    workOrder.given(dispatched, signed).when({ type: 'VisitOrder', satisfaction: 'satisfied', resolved: true }, ctx(operator, '2025-10-10T09:00:00+08:00')).thenFails('INVALID_TRANSITION');
  });
});
