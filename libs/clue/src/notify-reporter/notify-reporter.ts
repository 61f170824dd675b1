import { ruleViolation } from '@qf/kernel';
import type { Clue, ReporterNotified } from '../clue';
import { ClueDecideContext, assertExists, assertInspector } from '../clue-rules';

export type NotifyReporter = { type: 'NotifyReporter'; channel: string; note: string };

/** 受理告知 — to a real-name reporter; meets `reporter_notice`. */
export function decideNotifyReporter(command: NotifyReporter, state: Clue, ctx: ClueDecideContext): ReporterNotified[] {
  assertInspector(ctx.actor);
  assertExists(state);
  if (!state.reporter?.realName) throw ruleViolation('only a real-name reporter is notified');
  if (state.reporterNotice) throw ruleViolation('the reporter has already been notified');
  return [{ type: 'ReporterNotified', data: { id: state.id, channel: command.channel, note: command.note } }];
}
