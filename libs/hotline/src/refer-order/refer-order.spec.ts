import { ctx, dispatched, operator, workOrder } from '../work-order.fixtures';

const subjects = [{ name: '王某', unitId: 'U-JD-01', rank: 'general' as const, partyMember: true }];

describe('移送纪检监察 ReferOrder', () => {
  it('given an order, when it is referred, then the referral names the allocated clue and the people it is about', () => {
    workOrder
      .given(dispatched)
      .when({ type: 'ReferOrder', clueId: 'XS20251001-0001', reason: '执法人员收受摊贩财物', subjects }, ctx(operator, '2025-10-01T09:00:00+08:00'))
      .then([{ type: 'OrderReferred', data: { orderNo: 'RX-1', clueId: 'XS20251001-0001', reason: '执法人员收受摊贩财物', subjects } }]);
  });

  it('given no order, when it is referred, then it is not found', () => {
    workOrder.given().when({ type: 'ReferOrder', clueId: 'XS1', reason: '执法人员收受摊贩财物', subjects }, ctx(operator, '2025-10-01T09:00:00+08:00')).thenFails('NOT_FOUND');
  });
});
