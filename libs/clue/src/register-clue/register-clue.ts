import { ruleViolation } from '@qf/kernel';
import type { AccountabilityClueRegistered } from '@qf/contracts';
import type { Clue, ClueCategory, ClueRegistered, ClueSource, ClueSubject, StoredReporter } from '../clue';
import { ClueDecideContext, assertInspector, startStage } from '../clue-rules';

/** 线索登记 — the register command as decide sees it: id allocated and reporter sealed by the application service. */
export type RegisterClue = {
  type: 'RegisterClue';
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
  /**
   * Registered as a reaction to another case's event (移送, or level 3 of the ladder): the caller is the referrer or
   * the system, not an inspector.
   */
  referred?: boolean;
};

/** 线索登记 — the `disposition` limit starts, and for a real-name reporter the `reporter_notice` limit. */
export function decideRegisterClue(command: RegisterClue, state: Clue, ctx: ClueDecideContext): { events: Array<ClueRegistered | AccountabilityClueRegistered>; occurredAt: Date } {
  if (!command.referred) assertInspector(ctx.actor);
  if (state.exists) throw ruleViolation(`clue ${command.id} already exists`);
  const { id, source, sourceRef, reporter, subjects, allegations, category, receivedAt, escalationId } = command;
  if (receivedAt.getTime() > ctx.now.getTime()) throw ruleViolation('receivedAt may not be in the future');
  const deadlines = [startStage(ctx.policy, 'disposition', receivedAt)];
  if (reporter?.realName) deadlines.push(startStage(ctx.policy, 'reporter_notice', receivedAt));
  const registered: ClueRegistered = { type: 'ClueRegistered', data: { id, source, sourceRef, reporter, subjects, allegations, category, deadlines } };
  if (!escalationId) return { occurredAt: receivedAt, events: [registered] };
  return { occurredAt: receivedAt, events: [registered, { type: 'AccountabilityClueRegistered', data: { escalationId, clueId: id } }] };
}
