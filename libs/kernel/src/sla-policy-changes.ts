import type { Aggregate, Decision, DomainEvent, Recorded } from './aggregate';
import { DomainError, FieldProblem } from './errors';
import { CaseKind, DEFAULT_SLA_POLICY, SlaPolicy, StageLimit, UrgencyKey } from './sla-policy';
import type { TimeLimit, TimeUnit } from './time-limit';

/**
 * The SLA policy (时限规则) as an event stream (SPEC §4): the §4 defaults underneath, each admin change an event on
 * top. Pure: no framework, no store; the service folds the stream and the decide functions of the cases read the
 * policy in force at the instant their deadline starts.
 */

/** The one stream of the policy. */
export const SLA_POLICY_STREAM = 'sla-policy';

export const SLA_CASE_KINDS: readonly CaseKind[] = ['hotline', 'petition', 'clue', 'supervision_order'];
export const URGENCIES: readonly UrgencyKey[] = ['urgent', 'normal'];
export const TIME_UNITS: readonly TimeUnit[] = ['hours', 'calendar_days', 'working_days', 'calendar_months'];
/**
 * A limit is a whole number from 1 to about ten years in its unit — any positive whole number a supervision office
 * could mean (SPEC §4), with a bound that keeps due times inside the calendar.
 */
export const MAX_LIMIT_BY_UNIT: Readonly<Record<TimeUnit, number>> = { hours: 87_600, calendar_days: 3_650, working_days: 2_500, calendar_months: 120 };
/** The largest of them: what the request's own validation lets through before the unit's bound is checked. */
export const MAX_LIMIT_AMOUNT = Math.max(...Object.values(MAX_LIMIT_BY_UNIT));

/** 时限调整 — one stage's limit changed; a hotline stage changes per urgency (`urgency` null for the other kinds). */
export type SlaLimitChanged = DomainEvent<'SlaLimitChanged', { kind: CaseKind; stage: string; urgency: UrgencyKey | null; limit: TimeLimit }>;
export type SlaPolicyEvent = SlaLimitChanged;

/** Set one stage's limit: a `TimeLimit`, or for hotline stages the urgencies to change (at least one). */
export type ChangeSlaLimit = {
  type: 'ChangeSlaLimit';
  data: { kind: CaseKind; stage: string; limit: TimeLimit | Partial<Record<UrgencyKey, TimeLimit>> };
};
export type SlaPolicyCommand = ChangeSlaLimit;

/** The stages a kind has: those of the defaults (a policy change never adds a stage). */
export function stagesOf(kind: CaseKind): string[] {
  return Object.keys(DEFAULT_SLA_POLICY[kind]);
}

const isPerUrgency = (entry: StageLimit): entry is Record<UrgencyKey, TimeLimit> => !('unit' in entry);

/** A deep copy of the defaults: evolve never touches DEFAULT_SLA_POLICY itself. */
function defaults(): SlaPolicy {
  return JSON.parse(JSON.stringify(DEFAULT_SLA_POLICY)) as SlaPolicy;
}

export function evolveSlaPolicy(policy: SlaPolicy, event: Recorded<SlaPolicyEvent> | SlaPolicyEvent): SlaPolicy {
  switch (event.type) {
    case 'SlaLimitChanged': {
      const { kind, stage, urgency, limit } = event.data;
      const current = policy[kind][stage];
      const entry: StageLimit = urgency && current && isPerUrgency(current) ? { ...current, [urgency]: { ...limit } } : { ...limit };
      return { ...policy, [kind]: { ...policy[kind], [stage]: entry } };
    }
    default:
      return policy;
  }
}

export const slaPolicyAggregate: Aggregate<SlaPolicy, SlaPolicyEvent> = { initialState: defaults, evolve: evolveSlaPolicy };

function problem(field: string, message: string): never {
  throw new DomainError('VALIDATION_FAILED', `the time limit is not valid: ${field} ${message}`, [{ field, message }]);
}

function checkLimit(field: string, limit: unknown): TimeLimit {
  const l = limit as Partial<TimeLimit> | null;
  if (!l || typeof l !== 'object') problem(field, 'must be a time limit {amount, unit}');
  const problems: FieldProblem[] = [];
  if (!TIME_UNITS.includes(l.unit as TimeUnit)) problems.push({ field: `${field}.unit`, message: `must be one of ${TIME_UNITS.join(', ')}` });
  const max = MAX_LIMIT_BY_UNIT[l.unit as TimeUnit] ?? MAX_LIMIT_AMOUNT;
  if (typeof l.amount !== 'number' || !Number.isInteger(l.amount) || l.amount < 1 || l.amount > max) {
    problems.push({ field: `${field}.amount`, message: `must be a whole number from 1 to ${max}${TIME_UNITS.includes(l.unit as TimeUnit) ? ` ${l.unit}` : ''}` });
  }
  if (problems.length) throw new DomainError('VALIDATION_FAILED', 'the time limit is not valid', problems);
  return { amount: l.amount as number, unit: l.unit as TimeUnit };
}

const sameLimit = (a: TimeLimit | undefined, b: TimeLimit) => !!a && a.amount === b.amount && a.unit === b.unit;

/** 调整时限: a change that sets what is already in force appends nothing (an idempotent PUT). */
function decideChange(command: ChangeSlaLimit['data'], policy: SlaPolicy): SlaLimitChanged[] {
  const { kind, stage } = command;
  if (!SLA_CASE_KINDS.includes(kind)) problem('kind', `must be one of ${SLA_CASE_KINDS.join(', ')}`);
  if (!stagesOf(kind).includes(stage)) problem('stage', `must be one of ${stagesOf(kind).join(', ')} for ${kind}`);
  const current = policy[kind][stage];
  if (isPerUrgency(current)) {
    const given = command.limit as Partial<Record<UrgencyKey, unknown>>;
    const extra = Object.keys(given ?? {}).filter((k) => !URGENCIES.includes(k as UrgencyKey));
    if (extra.length) problem(extra[0], 'is not an urgency (urgent, normal)');
    const urgencies = URGENCIES.filter((u) => given?.[u] !== undefined);
    if (urgencies.length === 0) problem('limit', 'needs urgent or normal');
    return urgencies.flatMap((urgency) => {
      const limit = checkLimit(`limit.${urgency}`, given[urgency]);
      return sameLimit(current[urgency], limit) ? [] : [{ type: 'SlaLimitChanged' as const, data: { kind, stage, urgency, limit } }];
    });
  }
  const limit = checkLimit('limit', command.limit);
  return sameLimit(current, limit) ? [] : [{ type: 'SlaLimitChanged', data: { kind, stage, urgency: null, limit } }];
}

export function decideSlaPolicy(command: SlaPolicyCommand, policy: SlaPolicy): SlaPolicyEvent[] {
  switch (command.type) {
    case 'ChangeSlaLimit':
      return decideChange(command.data, policy);
    default: {
      // One command today; the never check keeps a second one from being forgotten here.
      const _exhaustive: never = command.type;
      throw new Error(`unknown command ${String(_exhaustive)}`);
    }
  }
}

/** The policy's history: the defaults and the changes in the order they were made. */
export interface SlaPolicyTimeline {
  /** How many changes the stream holds (its revision + 1). */
  readonly changes: number;
  /** 现行时限 — the policy in force at `instant`: the defaults overlaid with every change that had occurred by then. */
  at(instant: Date): SlaPolicy;
}

export function slaPolicyTimeline(events: Array<Recorded<SlaPolicyEvent>>): SlaPolicyTimeline {
  const dated = events.map((e) => ({ event: e, ms: Date.parse(e.occurredAt) }));
  const fold = (until: number) => dated.filter((d) => d.ms <= until).reduce((p, d) => evolveSlaPolicy(p, d.event), defaults());
  // Nearly every question is about a moment after the last change: that answer is folded once (and frozen, as it is shared).
  const lastChange = dated.reduce((max, d) => Math.max(max, d.ms), -Infinity);
  const current = deepFreeze(fold(Infinity));
  return {
    changes: events.length,
    at: (instant) => (instant.getTime() >= lastChange ? current : fold(instant.getTime())),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Runs a case's decide with the policy in force when its deadlines start. That is the business time of the decision:
 * its `occurredAt` (a creation backdated to its dispatch or receipt time), else the command's `now`. Decide is pure,
 * so when the business time is not `now` it is simply decided again under the policy in force at that time.
 */
export function decideUnderPolicy<D extends unknown[] | Decision<DomainEvent>>(timeline: SlaPolicyTimeline, now: Date, decide: (policy: SlaPolicy) => D): D {
  const first = decide(timeline.at(now));
  const startedAt = Array.isArray(first) ? undefined : (first as Decision<DomainEvent>).occurredAt;
  if (!startedAt || startedAt.getTime() === now.getTime() || timeline.changes === 0) return first;
  return decide(timeline.at(startedAt));
}
