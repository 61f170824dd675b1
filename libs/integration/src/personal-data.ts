import { REMOVED, isSealed, scrubEcho, scrubIdentifiers } from '@qf/kernel';

/**
 * What leaves the system carries no personal data (SPEC §8). Events hold people only sealed (ciphertext under the
 * person's key, plus a keyed digest beside it); outbound copies drop both — a consumer has no key to open them
 * with, and even ciphertext is not theirs to keep.
 */
export function withoutSealedData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSealedData);
  if (!value || typeof value !== 'object') return value;
  if (isSealed(value)) return null;
  const record = value as Record<string, unknown>;
  // A stored person: {sealed, digest, …}.
  if (isSealed(record.sealed)) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) out[k] = withoutSealedData(v);
  return out;
}

/**
 * Keys that hold a person's identity in the messages we take in: the HTTP commands' own (`caller`, `name`, `phone`, …)
 * and whatever a sender calls them (`callerName`, `contactPhone`, `mobile`, `idCard`, `身份证号`, …).
 */
const PERSON_KEY = /name|phone|mobile|^tel|tel$|idnumber|id_?no$|id_?card|identity|address|addr$|caller|petitioner|reporter|contact|姓名|电话|手机|身份证|地址/i;
/** Deeper than any message of ours: what lies below is dropped, not walked (a hostile message may nest thousands deep). */
const MAX_DEPTH = 32;
export { REMOVED };

/**
 * A message we could not take, made fit for the dead-letter topic: identity fields removed wherever they are, and
 * phone or identity numbers blotted out of any text — a rejected message may be malformed in any way at all.
 */
export function redactPersonalData(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubIdentifiers(value);
  if (!value || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REMOVED;
  if (Array.isArray(value)) return value.map((v) => redactPersonalData(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = scrubEcho(k);
    out[key] = PERSON_KEY.test(k) && v !== null && v !== undefined ? REMOVED : redactPersonalData(v, depth + 1);
  }
  return out;
}

/** A header of a message we could not take: no identifiers, and no run of Chinese — a header is no place for a name. */
export const redactHeader = (value: unknown): string => scrubEcho(typeof value === 'string' ? value : JSON.stringify(redactPersonalData(value)) ?? String(value));
