import { ctx, dispatched, extensionRequested, operator, signed, workOrder } from '../work-order.fixtures';

describe('延期审核 DecideExtension', () => {
  it('given a request for 3 working days, when the centre approves, then the reply due time moves from 10-14 to Fri 10-17 (its warning with it)', () => {
    const decided = workOrder.given(dispatched, signed, extensionRequested).when({ type: 'DecideExtension', approved: true }, ctx(operator, '2025-10-09T11:00:00+08:00'));
    decided.then([
      { type: 'ExtensionDecided', data: { orderNo: 'RX-1', approved: true, days: 3, comment: null, replyDueAt: '2025-10-17T23:59:59.999+08:00', replyWarnAt: '2025-10-14T11:35:59.999+08:00' } },
    ]);
  });

  it('given a request, when the centre refuses, then nothing moves', () => {
    workOrder
      .given(dispatched, signed, extensionRequested)
      .when({ type: 'DecideExtension', approved: false, comment: '理由不充分' }, ctx(operator, '2025-10-09T11:00:00+08:00'))
      .then([{ type: 'ExtensionDecided', data: { orderNo: 'RX-1', approved: false, days: 3, comment: '理由不充分', replyDueAt: null, replyWarnAt: null } }]);
  });

  it('given no request, when the centre decides, then it is a rule violation', () => {
    workOrder.given(dispatched, signed).when({ type: 'DecideExtension', approved: true }, ctx(operator, '2025-10-09T11:00:00+08:00')).thenFails('RULE_VIOLATION', /no extension/);
  });
});
