import { ruleViolation } from '@qf/kernel';
import type { OrderRedispatched, WorkOrder } from '../work-order';
import { HotlineDecideContext, assertExists, assertStatus, planRound } from '../hotline-rules';

export type RedispatchOrder = { type: 'RedispatchOrder'; unitId: string };
/** 改派 — a returned order goes to another unit, with fresh sign and reply limits. */
export function decideRedispatchOrder(command: RedispatchOrder, state: WorkOrder, ctx: HotlineDecideContext): OrderRedispatched[] {
  assertExists(state);
  assertStatus(state, 'redispatch', ['returned']);
  if (command.unitId === state.unitId) throw ruleViolation('a returned order must be redispatched to another unit');
  return [
    {
      type: 'OrderRedispatched',
      data: { orderNo: state.orderNo, fromUnitId: state.unitId, unitId: command.unitId, deadlines: planRound(ctx.policy, state.urgency, ctx.now) },
    },
  ];
}
