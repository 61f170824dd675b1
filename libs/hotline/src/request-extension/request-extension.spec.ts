import { at } from '@qf/kernel/testing';
import type { WorkOrderEvent } from '../work-order';
import { ctx, dispatched, extensionRequested, handler, signed, workOrder } from '../work-order.fixtures';

const ask = (days: number) => ({ type: 'RequestExtension' as const, days, reason: '需现场勘查' });
const approved = at<WorkOrderEvent>(
  { type: 'ExtensionDecided', data: { orderNo: 'RX-1', approved: true, days: 3, comment: null, replyDueAt: '2025-10-17T23:59:59.999+08:00', replyWarnAt: '2025-10-15T05:59:59.999+08:00' } },
  '2025-10-09T11:00:00.000+08:00',
);

describe('延期申请 RequestExtension', () => {
  it('given a signed order, when its unit asks for 3 working days, then the request is recorded', () => {
    workOrder.given(dispatched, signed).when(ask(3), ctx(handler, '2025-10-09T09:00:00+08:00')).then([{ type: 'ExtensionRequested', data: { orderNo: 'RX-1', unitId: 'U-JD-01', days: 3, reason: '需现场勘查' } }]);
  });

  it('given a request waiting for a decision, when another comes, then it is a rule violation', () => {
    workOrder.given(dispatched, signed, extensionRequested).when(ask(1), ctx(handler, '2025-10-09T10:00:00+08:00')).thenFails('RULE_VIOLATION', /waiting/);
  });

  it('given 3 days approved, when 8 more are asked, then the 10-day total is exceeded; 7 more are fine', () => {
    const given = workOrder.given(dispatched, signed, extensionRequested, approved);
    given.when(ask(8), ctx(handler, '2025-10-10T09:00:00+08:00')).thenFails('RULE_VIOLATION', /at most 10/);
    given.when(ask(7), ctx(handler, '2025-10-10T09:00:00+08:00')).then([{ type: 'ExtensionRequested', data: { orderNo: 'RX-1', unitId: 'U-JD-01', days: 7, reason: '需现场勘查' } }]);
  });
});
