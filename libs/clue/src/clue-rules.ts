import { Actor, DomainError, SlaPolicy, dueAt, forbidden, formatShanghai, hasRole, invalidTransition, limitFor, ruleViolation, warnAt } from '@qf/kernel';
import type { Clue, ClueStage, ClueStatus, DeadlineStart } from './clue';

/** Inputs every clue decision gets besides its command: who, when, and the SLA policy in force. */
export interface ClueDecideContext {
  actor: Actor;
  now: Date;
  policy: SlaPolicy;
}

/** A clue stage's deadline starting at `start` (SPEC §4), warned at 80 % of its time. */
export function startStage(policy: SlaPolicy, stage: ClueStage, start: Date): DeadlineStart {
  const due = dueAt(start, limitFor(policy, 'clue', stage));
  return { stage, startedAt: formatShanghai(start), dueAt: formatShanghai(due), warnAt: formatShanghai(warnAt(start, due)) };
}

/** Problem clues are handled by discipline inspectors and case managers only (SPEC §3.3). */
export function assertInspector(actor: Actor): void {
  if (!hasRole(actor, 'inspector', 'case_manager')) throw forbidden('problem clues are for discipline inspectors only');
}

export function assertExists(state: Clue): void {
  if (!state.exists) throw new DomainError('NOT_FOUND', 'clue not found');
}

export function assertStatus(state: Clue, command: string, allowed: ClueStatus[]): void {
  if (!allowed.includes(state.status)) throw invalidTransition(command, state.status);
}

export function assertSubject(state: Clue, subjectIndex: number): void {
  if (!Number.isInteger(subjectIndex) || subjectIndex < 0 || subjectIndex >= state.subjects.length) {
    throw ruleViolation(`subjectIndex must name one of the ${state.subjects.length} subject(s) of the clue`);
  }
}
