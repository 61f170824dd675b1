/**
 * Personal data as it is stored in events and read models (SPEC §8): AES-256-GCM under a data key of its own
 * person (`subject`). Only the ciphertext ever reaches the event store.
 */
export interface SealedPii {
  pii: 1;
  subject: string;
  iv: string;
  tag: string;
  data: string;
}

/** What every read shows once the person's key is destroyed (crypto-shredding). */
export const ERASED = '[erased]' as const;
export type Erased = typeof ERASED;

export const isSealed = (value: unknown): value is SealedPii => !!value && typeof value === 'object' && (value as SealedPii).pii === 1;
