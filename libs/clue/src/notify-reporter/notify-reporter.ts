import { ruleViolation } from '@qf/platform';
import type { Clue, ReporterNotified } from '../clue';
import { ClueDecideContext, assertExists } from '../clue-rules';

export interface NotifyReporter {
  channel: string;
  note: string;
}

/** 受理告知 — to a real-name reporter; meets `reporter_notice`. */
export function decideNotifyReporter(command: NotifyReporter, state: Clue, _ctx: ClueDecideContext): ReporterNotified[] {
  assertExists(state);
  if (!state.reporter?.realName) throw ruleViolation('only a real-name reporter is notified');
  if (state.reporterNotice) throw ruleViolation('the reporter has already been notified');
  return [{ type: 'ReporterNotified', data: { id: state.id, channel: command.channel, note: command.note } }];
}
