import { ctx, createCommand, dispatched, operator, workOrder, ROUND_1 } from '../work-order.fixtures';

describe('派单 CreateOrder', () => {
  it('given nothing, when the centre dispatches, then the order is dispatched with the §4 example due times', () => {
    workOrder
      .given()
      .when(createCommand, ctx(operator, '2025-09-30T10:00:00+08:00'))
      .then([{ type: 'OrderDispatched', data: { ...dispatched.data, deadlines: ROUND_1 } as never }]);
  });

  it('given nothing, when an import dispatches in the past, then the due times start then and the decision carries that time', () => {
    workOrder
      .given()
      .when({ ...createCommand, dispatchedAt: '2025-09-30T10:00:00+08:00' }, ctx(operator, '2026-03-16T09:00:00+08:00'))
      .thenDecision((d) => {
        expect(d.occurredAt?.toISOString()).toBe('2025-09-30T02:00:00.000Z');
        expect((d.events[0].data as { deadlines: unknown }).deadlines).toEqual(ROUND_1);
      });
  });

  it('given nothing, when dispatchedAt is in the future, then it is a rule violation', () => {
    workOrder.given().when({ ...createCommand, dispatchedAt: '2025-10-01T00:00:00+08:00' }, ctx(operator, '2025-09-30T10:00:00+08:00')).thenFails('RULE_VIOLATION', /future/);
  });

  it('given the order, when the same create comes again, then nothing is appended', () => {
    workOrder.given(dispatched).when(createCommand, ctx(operator, '2025-09-30T10:05:00+08:00')).then([]);
  });

  it('given the order, when another body comes under the same number, then it is a duplicate', () => {
    workOrder.given(dispatched).when({ ...createCommand, content: '另一件事' }, ctx(operator, '2025-09-30T10:05:00+08:00')).thenFails('DUPLICATE');
    workOrder.given(dispatched).when({ ...createCommand, caller: { ...createCommand.caller, digest: 'someone-else' } }, ctx(operator, '2025-09-30T10:05:00+08:00')).thenFails('DUPLICATE');
  });
});
