import { REMOVED, isSealed, scrubIdentifiers } from '@qf/kernel';

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

/** Fields that hold a person's identity in the messages we take in (the HTTP commands' bodies). */
const PERSON_FIELDS = new Set(['caller', 'petitioner', 'reporter', 'name', 'phone', 'idNumber', 'address']);
export { REMOVED };

/**
 * A message we could not take, made fit for the dead-letter topic: identity fields removed wherever they are, and
 * phone or identity numbers blotted out of any text — a rejected message may be malformed in any way at all.
 */
export function redactPersonalData(value: unknown): unknown {
  if (typeof value === 'string') return scrubIdentifiers(value);
  if (Array.isArray(value)) return value.map(redactPersonalData);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = PERSON_FIELDS.has(k) && v !== null && v !== undefined ? REMOVED : redactPersonalData(v);
  return out;
}
