import { ctx, dispatched, operator, replied, round, signed, visitedUnsatisfied, workOrder } from '../work-order.fixtures';

const reopen = { type: 'ReopenOrder' as const, reason: '群众反映仍未解决' };

describe('重办 ReopenOrder', () => {
  it('given an unsatisfied visit, when the centre reopens, then the same unit gets a new round of limits', () => {
    const start = '2025-10-10T10:00:00.000+08:00';
    const given = workOrder.given(dispatched, signed, replied, visitedUnsatisfied);
    given.when(reopen, ctx(operator, '2025-10-10T10:00:00+08:00')).then([
      {
        type: 'OrderReopened',
        data: { orderNo: 'RX-1', unitId: 'U-JD-01', reason: '群众反映仍未解决', deadlines: round(start, '2025-10-11T23:59:59.999+08:00', '2025-10-16T23:59:59.999+08:00', '2025-10-11T16:23:59.999+08:00', '2025-10-15T16:23:59.999+08:00') },
      },
    ]);
  });

  it('given a reply without a visit, when the centre reopens, then it is a rule violation', () => {
    workOrder.given(dispatched, signed, replied).when(reopen, ctx(operator, '2025-10-10T10:00:00+08:00')).thenFails('RULE_VIOLATION', /unsatisfied/);
  });

  it('given a signed order, when the centre reopens, then the transition is invalid', () => {
    workOrder.given(dispatched, signed).when(reopen, ctx(operator, '2025-10-10T10:00:00+08:00')).thenFails('INVALID_TRANSITION');
  });
});
