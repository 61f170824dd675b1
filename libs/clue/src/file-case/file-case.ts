import { ruleViolation } from '@qf/kernel';
import type { CaseFiled, Clue } from '../clue';
import { ClueDecideContext, assertExists, assertInspector, assertStatus } from '../clue-rules';

export type FileCase = { type: 'FileCase'; summary?: string };

/** 立案 — only after a (partially) substantiated verification finding. */
export function decideFileCase(command: FileCase, state: Clue, ctx: ClueDecideContext): CaseFiled[] {
  assertInspector(ctx.actor);
  assertExists(state);
  assertStatus(state, 'file case', ['verifying']);
  const finding = state.verification?.finding;
  if (finding !== 'substantiated' && finding !== 'partially_substantiated') {
    throw ruleViolation('a case is filed only after a substantiated or partially substantiated finding');
  }
  return [{ type: 'CaseFiled', data: { id: state.id, summary: command.summary ?? null } }];
}
