import { ctx, dispatched, handler, operator, otherHandler, signed, workOrder } from '../work-order.fixtures';

describe('签收 SignOrder', () => {
  it('given a dispatched order, when its unit signs, then it is signed', () => {
    workOrder.given(dispatched).when({ type: 'SignOrder' }, ctx(handler, '2025-09-30T11:00:00+08:00')).then([{ type: 'OrderSigned', data: { orderNo: 'RX-1', unitId: 'U-JD-01' } }]);
  });

  it('given a dispatched order, when another unit or the centre signs, then it is forbidden', () => {
    workOrder.given(dispatched).when({ type: 'SignOrder' }, ctx(otherHandler, '2025-09-30T11:00:00+08:00')).thenFails('FORBIDDEN');
    workOrder.given(dispatched).when({ type: 'SignOrder' }, ctx(operator, '2025-09-30T11:00:00+08:00')).thenFails('FORBIDDEN');
  });

  it('given a signed order, when it is signed again, then the transition is invalid; signing met the sign stage', () => {
    const given = workOrder.given(dispatched, signed);
    expect(given.state.status).toBe('signed');
    expect(given.state.deadlines.find((d) => d.stage === 'sign')?.state).toBe('met');
    given.when({ type: 'SignOrder' }, ctx(handler, '2025-09-30T12:00:00+08:00')).thenFails('INVALID_TRANSITION', /sign/);
  });

  it('given no order, when a unit signs, then it is not found', () => {
    workOrder.given().when({ type: 'SignOrder' }, ctx(handler, '2025-09-30T12:00:00+08:00')).thenFails('NOT_FOUND');
  });
});
