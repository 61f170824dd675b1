import type { OrderSigned, WorkOrder } from '../work-order';
import { HotlineDecideContext, assertExists, assertHandler, assertStatus } from '../hotline-rules';

/** 签收 — the assigned unit acknowledges the order; meets the `sign` stage. */
/** 签收 — the assigned unit signs for the order. */
export type SignOrder = { type: 'SignOrder' };

export function decideSignOrder(_command: SignOrder, state: WorkOrder, ctx: HotlineDecideContext): OrderSigned[] {
  assertExists(state);
  assertHandler(ctx.actor, state);
  assertStatus(state, 'sign', ['dispatched', 'reopened']);
  return [{ type: 'OrderSigned', data: { orderNo: state.orderNo, unitId: state.unitId } }];
}
