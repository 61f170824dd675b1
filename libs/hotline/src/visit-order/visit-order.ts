import type { Satisfaction, OrderClosed, OrderVisited, WorkOrder } from '../work-order';
import { HotlineDecideContext, assertExists, assertStatus } from '../hotline-rules';

export type VisitOrder = { type: 'VisitOrder'; satisfaction: Satisfaction; resolved: boolean; comment?: string };
/** 回访 — satisfied or basically satisfied closes the order; unsatisfied leaves it open for 重办. */
export function decideVisitOrder(command: VisitOrder, state: WorkOrder, _ctx: HotlineDecideContext): Array<OrderVisited | OrderClosed> {
  assertExists(state);
  assertStatus(state, 'visit', ['replied']);
  const unitId = state.reply?.unitId ?? state.unitId;
  const visited: OrderVisited = {
    type: 'OrderVisited',
    data: { orderNo: state.orderNo, unitId, satisfaction: command.satisfaction, resolved: command.resolved, comment: command.comment ?? null },
  };
  return command.satisfaction === 'unsatisfied' ? [visited] : [visited, { type: 'OrderClosed', data: { orderNo: state.orderNo, unitId } }];
}
