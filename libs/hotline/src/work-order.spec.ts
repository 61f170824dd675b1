import { at } from '@qf/kernel/testing';
import type { WorkOrderEvent } from './work-order';
import { dispatched, reopened, replied, signed, signedAgain, visitedUnsatisfied, workOrder } from './work-order.fixtures';

/** evolve: the lifecycle an order's events fold to (each command's own spec sits in its slice). */
describe('work order (工单) evolve', () => {
  it('folds reply → unsatisfied visit → reopen → sign → reply → satisfied visit into a closed order with two rounds, all met', () => {
    const repliedAgain = at<WorkOrderEvent>({ type: 'OrderReplied', data: { orderNo: 'RX-1', unitId: 'U-JD-01', outcome: 'resolved', reply: '已再次清理并设置夜间巡查。' } }, '2025-10-13T09:00:00.000+08:00');
    const satisfied = at<WorkOrderEvent>({ type: 'OrderVisited', data: { orderNo: 'RX-1', unitId: 'U-JD-01', satisfaction: 'satisfied', resolved: true, comment: null } }, '2025-10-14T09:00:00.000+08:00');
    const closed = at<WorkOrderEvent>({ type: 'OrderClosed', data: { orderNo: 'RX-1', unitId: 'U-JD-01' } }, '2025-10-14T09:00:00.000+08:00');
    const { state } = workOrder.given(dispatched, signed, replied, visitedUnsatisfied, reopened, signedAgain, repliedAgain, satisfied, closed);
    expect(state).toMatchObject({ status: 'closed', reopenCount: 1, round: 2 });
    expect(state.deadlines.map((d) => `${d.round}:${d.stage}:${d.state}`)).toEqual(['1:sign:met', '1:reply:met', '2:sign:met', '2:reply:met']);
  });
});
