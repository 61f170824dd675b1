import { ruleViolation } from '@qf/platform';
import type { Clue, ClueCategory, ClueRegistered, ClueSource, ClueSubject, StoredReporter } from '../clue';
import type { AccountabilityClueRegistered } from '@qf/contracts';
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
  /** An accountability clue (问责线索) names the level-3 escalation that caused it. */
  escalationId?: string;
}

/** 线索登记 — the `disposition` limit starts, and for a real-name reporter the `reporter_notice` limit. */
export function decideRegisterClue(command: RegisterClue, state: Clue, ctx: ClueDecideContext): { events: Array<ClueRegistered | AccountabilityClueRegistered>; occurredAt: Date } {
  if (state.exists) throw ruleViolation(`clue ${command.id} already exists`);
  if (command.receivedAt.getTime() > ctx.now.getTime()) throw ruleViolation('receivedAt may not be in the future');
  const { receivedAt, escalationId, ...data } = command;
  const deadlines = [startStage(ctx.policy, 'disposition', receivedAt)];
  if (command.reporter?.realName) deadlines.push(startStage(ctx.policy, 'reporter_notice', receivedAt));
  const registered: ClueRegistered = { type: 'ClueRegistered', data: { ...data, deadlines } };
  if (!escalationId) return { occurredAt: receivedAt, events: [registered] };
  return { occurredAt: receivedAt, events: [registered, { type: 'AccountabilityClueRegistered', data: { escalationId, clueId: command.id } }] };
}
