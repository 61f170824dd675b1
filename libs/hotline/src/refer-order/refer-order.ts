import type { ClueSubjectFact, OrderReferred } from '@qf/contracts';
import type { WorkOrder } from '../work-order';
import { HotlineDecideContext, assertExists } from '../hotline-rules';

/** 移送纪检监察 — with the clue id the application service allocated. */
export type ReferOrder = {
  type: 'ReferOrder';
  clueId: string;
  reason: string;
  subjects: ClueSubjectFact[];
};

/** 移送纪检监察 — records on the order that it was referred, and to whom; the clue context registers the clue. */
export function decideReferOrder(command: ReferOrder, state: WorkOrder, _ctx: HotlineDecideContext): OrderReferred[] {
  assertExists(state);
  return [{ type: 'OrderReferred', data: { orderNo: state.orderNo, clueId: command.clueId, reason: command.reason, subjects: command.subjects } }];
}
