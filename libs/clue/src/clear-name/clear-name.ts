import { ruleViolation } from '@qf/kernel';
import type { Clue, NameCleared } from '../clue';
import { ClueDecideContext, assertExists, assertInspector, assertSubject } from '../clue-rules';

export type ClearName = { type: 'ClearName'; subjectIndex: number; scope: string };

/** 澄清正名 — only after an unsubstantiated finding or an inquiry's conclusion. */
export function decideClearName(command: ClearName, state: Clue, ctx: ClueDecideContext): NameCleared[] {
  assertInspector(ctx.actor);
  assertExists(state);
  assertSubject(state, command.subjectIndex);
  const unsubstantiated = state.verification?.finding === 'unsubstantiated';
  const inquiryConcluded = state.inquiry !== null;
  if (!unsubstantiated && !inquiryConcluded) throw ruleViolation('a name is cleared only after an unsubstantiated finding or an inquiry conclusion');
  return [{ type: 'NameCleared', data: { id: state.id, subjectIndex: command.subjectIndex, scope: command.scope } }];
}
