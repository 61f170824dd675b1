import { DomainError } from '@qf/kernel';

/** A clue id as the server assigns it: XS + date + sequence (SPEC §3.3). */
export const CLUE_ID = /^XS\d{8}-\d{4,}$/;

/** The clue id of a route; anything else names no clue (404). */
export function clueIdOf(value: string): string {
  if (!CLUE_ID.test(value)) throw new DomainError('NOT_FOUND', 'clue not found');
  return value;
}
