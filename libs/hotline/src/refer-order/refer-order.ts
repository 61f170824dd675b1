import type { OrderReferred, WorkOrder } from '../work-order';
import { HotlineDecideContext, assertExists } from '../hotline-rules';

export interface ReferOrder {
  clueId: string;
  reason: string;
}

/** 移送纪检监察 — records on the order that it was referred; the clue itself is registered in its own stream. */
export function decideReferOrder(command: ReferOrder, state: WorkOrder, _ctx: HotlineDecideContext): OrderReferred[] {
  assertExists(state, state.orderNo);
  return [{ type: 'OrderReferred', data: { orderNo: state.orderNo, clueId: command.clueId, reason: command.reason } }];
}
