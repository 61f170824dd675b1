import type { Actor } from './actor';

/** Inputs of a command beyond its body: who, when, and the ids that make it idempotent and traceable. */
export interface CommandContext {
  actor: Actor;
  now: Date;
  /** Deterministic per logical command (derived from Idempotency-Key when given): event ids are derived from it. */
  commandId: string;
  correlationId: string;
  causationId: string | null;
  /** From If-Match: the stream version the caller saw. */
  expectedVersion?: number;
}
