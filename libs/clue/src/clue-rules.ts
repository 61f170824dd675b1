import { Actor, DomainError, SlaPolicy, dueAt, formatShanghai, invalidTransition, limitFor, ruleViolation, warnAt } from '@qf/platform';
import type { Clue, ClueStage, ClueStatus, DeadlineStart } from './clue';

export interface ClueDecideContext {
  actor: Actor;
  now: Date;
  policy: SlaPolicy;
}

export function startStage(policy: SlaPolicy, stage: ClueStage, start: Date): DeadlineStart {
  const due = dueAt(start, limitFor(policy, 'clue', stage));
  return { stage, startedAt: formatShanghai(start), dueAt: formatShanghai(due), warnAt: formatShanghai(warnAt(start, due)) };
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
