import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A person shown in an answer (a caller, petitioner or reporter view, in full or masked): the exact object placed in
 * the answer, whose data key it belongs to, and — for unmasked reads that SPEC §8 audits — what to audit again when
 * the answer is replayed.
 */
export interface Disclosure {
  view: object;
  subject: string;
  audit?: { kind: string; ref: string };
}

const current = new AsyncLocalStorage<Disclosure[]>();

/**
 * Runs `fn` while recording every person view produced in it. The idempotency interceptor uses it to find the
 * personal data in an answer it is about to remember, by object identity rather than by guessing from values.
 */
export function recordDisclosures<T>(list: Disclosure[], fn: () => T): T {
  return current.run(list, fn);
}

/** Called where person views are made (`personViews`). Outside a recording, nothing happens. */
export function noteDisclosure(view: object, sealed: { subject: string }): void {
  current.getStore()?.push({ view, subject: sealed.subject });
}

/** An unmasked read that was audit-logged: a replay of the answer must be audit-logged again (SPEC §8). */
export function noteAuditedDisclosure(view: object, kind: string, ref: string): void {
  const found = current.getStore()?.find((d) => d.view === view);
  if (found) found.audit = { kind, ref };
}

/** Placeholder a remembered answer holds instead of a person view: the view sealed under that person's own key. */
export interface SealedView {
  /** A SealedPii under the person's key; null when the person was forgotten before the answer was kept. */
  $sealedView: unknown;
  audit?: { kind: string; ref: string };
}

export const isSealedView = (value: unknown): value is SealedView => !!value && typeof value === 'object' && '$sealedView' in (value as object);
