import { dueAt, ruleViolation } from '@qf/kernel';
import type { OrderReturned, WorkOrder } from '../work-order';
import { HotlineDecideContext, assertExists, assertHandler, assertStatus } from '../hotline-rules';

export type ReturnOrder = { type: 'ReturnOrder'; reason: string };
/** How long after a dispatch the unit may still return it (退单时限). */
export const RETURN_WINDOW = { amount: 2, unit: 'working_days' } as const;

/**
 * 退单 — only before the reply and within 2 working days of the (latest) dispatch. An order that was replied to and
 * reopened stays with its unit (decision 8), also once the unit has signed it again.
 */
export function decideReturnOrder(command: ReturnOrder, state: WorkOrder, ctx: HotlineDecideContext): OrderReturned[] {
  assertExists(state);
  assertHandler(ctx.actor, state);
  assertStatus(state, 'return', ['dispatched', 'signed']);
  if (state.reopenCount > 0) throw ruleViolation('an order that has been replied to cannot be returned: it was reopened and stays with its unit');
  const windowEnd = dueAt(new Date(state.lastDispatchedAt), RETURN_WINDOW);
  if (ctx.now.getTime() > windowEnd.getTime()) throw ruleViolation('an order can only be returned within 2 working days of its dispatch');
  return [{ type: 'OrderReturned', data: { orderNo: state.orderNo, unitId: state.unitId, reason: command.reason } }];
}
