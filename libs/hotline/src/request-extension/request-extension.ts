import { ruleViolation } from '@qf/kernel';
import type { ExtensionRequested, WorkOrder } from '../work-order';
import { HotlineDecideContext, assertExists, assertHandler, assertStatus } from '../hotline-rules';

export type RequestExtension = { type: 'RequestExtension'; days: number; reason: string };
/** At most this many working days of extension per order, all requests together. */
export const MAX_EXTENSION_DAYS = 10;

/** 延期申请 — the unit asks for more time to reply; the hotline centre decides. */
export function decideRequestExtension(command: RequestExtension, state: WorkOrder, ctx: HotlineDecideContext): ExtensionRequested[] {
  assertExists(state);
  assertHandler(ctx.actor, state);
  assertStatus(state, 'extension request', ['dispatched', 'signed', 'reopened']);
  if (state.extension.pending) throw ruleViolation('an extension request is already waiting for a decision');
  if (state.extension.approvedDays + command.days > MAX_EXTENSION_DAYS) {
    throw ruleViolation(`at most ${MAX_EXTENSION_DAYS} working days of extension per order (${state.extension.approvedDays} already approved)`);
  }
  return [{ type: 'ExtensionRequested', data: { orderNo: state.orderNo, unitId: state.unitId, days: command.days, reason: command.reason } }];
}
