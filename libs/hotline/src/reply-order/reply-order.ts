import type { Outcome, OrderReplied, WorkOrder } from '../work-order';
import { HotlineDecideContext, assertExists, assertHandler, assertStatus } from '../hotline-rules';

export type ReplyOrder = { type: 'ReplyOrder'; outcome: Outcome; reply: string };
/** 办结反馈 — the unit answers; meets the `reply` stage. */
export function decideReplyOrder(command: ReplyOrder, state: WorkOrder, ctx: HotlineDecideContext): OrderReplied[] {
  assertExists(state);
  assertHandler(ctx.actor, state);
  assertStatus(state, 'reply', ['signed']);
  return [{ type: 'OrderReplied', data: { orderNo: state.orderNo, unitId: state.unitId, outcome: command.outcome, reply: command.reply } }];
}
