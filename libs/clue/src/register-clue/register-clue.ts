import { ruleViolation } from '@qf/platform';
import type { Clue, ClueCategory, ClueRegistered, ClueSource, ClueSubject, StoredReporter } from '../clue';
import { ClueDecideContext, startStage } from '../clue-rules';

/** The register command as decide sees it: id allocated and reporter sealed by the application service. */
export interface RegisterClue {
  id: string;
  source: ClueSource;
  sourceRef: string | null;
  reporter: StoredReporter | null;
  subjects: ClueSubject[];
  allegations: string;
  category: ClueCategory;
  receivedAt: Date;
}

/** 线索登记 — the `disposition` limit starts, and for a real-name reporter the `reporter_notice` limit. */
export function decideRegisterClue(command: RegisterClue, state: Clue, ctx: ClueDecideContext): { events: ClueRegistered[]; occurredAt: Date } {
  if (state.exists) throw ruleViolation(`clue ${command.id} already exists`);
  if (command.receivedAt.getTime() > ctx.now.getTime()) throw ruleViolation('receivedAt may not be in the future');
  const { receivedAt, ...data } = command;
  const deadlines = [startStage(ctx.policy, 'disposition', receivedAt)];
  if (command.reporter?.realName) deadlines.push(startStage(ctx.policy, 'reporter_notice', receivedAt));
  return { occurredAt: receivedAt, events: [{ type: 'ClueRegistered', data: { ...data, deadlines } }] };
}
