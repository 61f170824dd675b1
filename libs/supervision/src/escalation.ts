import { v5 as uuidv5 } from 'uuid';
import type { Aggregate, Deadline, DomainEvent, Recorded, Role } from '@qf/kernel';
import {
  ESCALATION_EVENT_TYPES,
  type AccountabilityClueRegistered,
  type DeadlineEscalated as ContractDeadlineEscalated,
  type CaseKindDefinition,
  type EscalationAcknowledged,
} from '@qf/contracts';
import { CaseKind, EscalationLevel, ladderTimes } from './escalation-ladder';

/**
 * Escalations (督办) live in the stream of the case they are about: each rung of a deadline's ladder is one
 * `DeadlineEscalated` event there, so "exactly once per deadline and level" is the stream's optimistic concurrency —
 * whoever appends second finds the rung already fired — and survives any crash. The events are published language
 * (`@qf/contracts`): the clue context and the outbox read them; here they are narrowed to the ladder's own types.
 */

/** 超期督办 — one rung of a deadline's ladder fired (0 = 预警 warning, 1–3 = 督办 levels). */
export type DeadlineEscalated = Omit<ContractDeadlineEscalated, 'data'> & {
  data: ContractDeadlineEscalated['data'] & { caseKind: CaseKind; level: EscalationLevel; targetRole: Role };
};
/** 签收督办 (EscalationAcknowledged) — the target acknowledged an escalation; 问责线索 (AccountabilityClueRegistered) —
 *  the clue context registered the accountability clue of a level-3 escalation. Both are published language. */
export type { EscalationAcknowledged, AccountabilityClueRegistered };
export type EscalationEvent = DeadlineEscalated | EscalationAcknowledged | AccountabilityClueRegistered;
export { ESCALATION_EVENT_TYPES };

const ESCALATION_NAMESPACE = 'b3c1b7a2-5d0e-4f8e-9a61-7c2d9e4f1a30';

/** A deadline's identity: one start of one stage of one case. */
export interface DeadlineRef {
  kind: CaseKind;
  caseId: string;
  stage: string;
  round: number;
}

export const deadlineKey = (d: DeadlineRef) => `${d.kind}/${d.caseId}/${d.stage}/${d.round}`;

export function parseDeadlineKey(key: string): DeadlineRef | null {
  const m = /^([a-z_]+)\/([^/]+)\/([a-z0-9_.]+)\/(\d+)$/.exec(key);
  return m ? { kind: m[1] as CaseKind, caseId: m[2], stage: m[3], round: Number(m[4]) } : null;
}

/** The escalation id: the same for the same rung of the same ladder, whoever computes it and however often. */
export const escalationIdOf = (d: DeadlineRef, dueAt: string, level: EscalationLevel) =>
  uuidv5(`${deadlineKey(d)}/${new Date(dueAt).toISOString()}/${level}`, ESCALATION_NAMESPACE);

export interface FiredEscalation {
  data: DeadlineEscalated['data'];
  escalatedAt: string;
  acknowledged: EscalationAcknowledged['data'] | null;
  clueId: string | null;
}

/** What the ladder needs of a case kind: how its stream folds, what the fold means, and its ladder rules. */
export type EscalatedKind = Pick<CaseKindDefinition, 'initialState' | 'evolve' | 'facts' | 'escalation'>;

/** A case as the escalation commands see it: the case kind's own state plus the rungs fired so far. */
export interface Escalatable<S> {
  inner: S;
  fired: Record<string, FiredEscalation>;
}

/** Wraps a case kind's fold so its stream can also be folded for the escalations it holds. */
export function escalatable<S, E extends DomainEvent>(aggregate: Pick<Aggregate<S, E>, 'initialState'> & { evolve(state: S, event: any): S }): Aggregate<Escalatable<S>, E | EscalationEvent> {
  return {
    initialState: () => ({ inner: aggregate.initialState(), fired: {} }),
    evolve: (state, event) => {
      const e = event as Recorded<EscalationEvent>;
      switch (e.type) {
        case 'DeadlineEscalated':
          return { ...state, fired: { ...state.fired, [e.data.escalationId]: { data: e.data, escalatedAt: e.occurredAt, acknowledged: null, clueId: null } } };
        case 'EscalationAcknowledged': {
          const f = state.fired[e.data.escalationId];
          return f ? { ...state, fired: { ...state.fired, [e.data.escalationId]: { ...f, acknowledged: e.data } } } : state;
        }
        case 'AccountabilityClueRegistered': {
          const f = state.fired[e.data.escalationId];
          return f ? { ...state, fired: { ...state.fired, [e.data.escalationId]: { ...f, clueId: e.data.clueId } } } : state;
        }
        default:
          return { ...state, inner: aggregate.evolve(state.inner, event as Recorded<E>) };
      }
    },
  };
}

/**
 * The levels of a deadline's ladder that have fired, whatever due time they fired for: an approved extension moves the
 * due time of the same deadline, and each level reaches its target once per deadline (SPEC §4, decision 33).
 */
export function firedLevels(ref: DeadlineRef, fired: Record<string, FiredEscalation>): Set<number> {
  const levels = new Set<number>();
  for (const f of Object.values(fired)) if (f.data.stage === ref.stage && f.data.round === ref.round) levels.add(f.data.level);
  return levels;
}

/** The next rung of a pending deadline that has not fired (UTC ISO), or null when its ladder is done. */
export function nextFireAt(topLevel: 2 | 3, ref: DeadlineRef, deadline: Pick<Deadline, 'state' | 'dueAt' | 'warnAt'>, fired: Record<string, FiredEscalation>): string | null {
  if (deadline.state !== 'pending') return null;
  const done = firedLevels(ref, fired);
  const next = ladderTimes({ topLevel, dueAt: deadline.dueAt, warnAt: deadline.warnAt }).find((t) => !done.has(t.level));
  return next ? new Date(next.fireAt).toISOString() : null;
}
