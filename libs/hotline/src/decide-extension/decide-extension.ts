import { extendDue, formatShanghai, ruleViolation, warnAt } from '@qf/kernel';
import type { ExtensionDecided, WorkOrder } from '../work-order';
import { HotlineDecideContext, assertExists, assertStatus } from '../hotline-rules';

export type DecideExtension = { type: 'DecideExtension'; approved: boolean; comment?: string };
/** 延期审核 — an approved extension moves the reply stage's due time (and its 80% warning point). */
export function decideExtensionDecision(command: DecideExtension, state: WorkOrder, _ctx: HotlineDecideContext): ExtensionDecided[] {
  assertExists(state);
  assertStatus(state, 'extension decision', ['dispatched', 'signed', 'reopened']);
  const pending = state.extension.pending;
  if (!pending) throw ruleViolation('no extension request is waiting for a decision');
  let replyDueAt: string | null = null;
  let replyWarnAt: string | null = null;
  const reply = state.deadlines.find((d) => d.stage === 'reply' && d.state === 'pending');
  if (command.approved && reply) {
    const due = extendDue(new Date(reply.dueAt), { amount: pending.days, unit: 'working_days' });
    replyDueAt = formatShanghai(due);
    replyWarnAt = formatShanghai(warnAt(new Date(reply.startedAt), due));
  }
  return [
    {
      type: 'ExtensionDecided',
      data: { orderNo: state.orderNo, approved: command.approved, days: pending.days, comment: command.comment ?? null, replyDueAt, replyWarnAt },
    },
  ];
}
