import { ruleViolation } from '@qf/kernel';
import type { OrderReopened, WorkOrder } from '../work-order';
import { HotlineDecideContext, assertExists, assertStatus, planRound } from '../hotline-rules';

export type ReopenOrder = { type: 'ReopenOrder'; reason: string };
/** 重办 — after an unsatisfied visit, the same unit handles it again under new time limits. */
export function decideReopenOrder(command: ReopenOrder, state: WorkOrder, ctx: HotlineDecideContext): OrderReopened[] {
  assertExists(state);
  assertStatus(state, 'reopen', ['replied']);
  if (state.lastVisit?.satisfaction !== 'unsatisfied') throw ruleViolation('an order can only be reopened after an unsatisfied return visit');
  return [
    { type: 'OrderReopened', data: { orderNo: state.orderNo, unitId: state.unitId, reason: command.reason, deadlines: planRound(ctx.policy, state.urgency, ctx.now) } },
  ];
}
