import type { TimeLimit } from './time-limit';

export type CaseKind = 'hotline' | 'petition' | 'clue' | 'supervision_order';
export type UrgencyKey = 'urgent' | 'normal';

/** One stage's limit, by urgency where urgency matters (hotline). */
export type StageLimit = TimeLimit | Record<UrgencyKey, TimeLimit>;

/** The SLA policy (时限规则): limits per case kind and stage. A plain object, so an admin policy can override entries. */
export type SlaPolicy = Record<CaseKind, Record<string, StageLimit>>;

const h = (amount: number): TimeLimit => ({ amount, unit: 'hours' });
const cd = (amount: number): TimeLimit => ({ amount, unit: 'calendar_days' });
const wd = (amount: number): TimeLimit => ({ amount, unit: 'working_days' });
const cm = (amount: number): TimeLimit => ({ amount, unit: 'calendar_months' });

/** The defaults of SPEC §4. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  hotline: {
    sign: { urgent: h(2), normal: wd(1) },
    reply: { urgent: wd(1), normal: wd(5) },
  },
  petition: { assign: cd(15), accept: cd(15), handle: cd(60), review: cd(30), recheck: cd(30) },
  clue: { disposition: cm(1), reporter_notice: wd(15), inquiry_reply: wd(15), verification: cm(3) },
  supervision_order: {
    // Preset 13710: study the same day, feedback 3, effect 7, resolve 10 calendar days.
    '13710.study': cd(0),
    '13710.feedback': cd(3),
    '13710.effect': cd(7),
    '13710.resolve': cd(10),
    'standard.feedback': wd(7),
    'standard.resolve': wd(15),
  },
};

/** Every stage with a time limit, of every kind (a supervision order's without its preset): what a stage filter may name. */
export const DEADLINE_STAGES: readonly string[] = [...new Set(Object.values(DEFAULT_SLA_POLICY).flatMap((stages) => Object.keys(stages).map((k) => k.split('.').pop()!)))];

export function limitFor(policy: SlaPolicy, kind: CaseKind, stage: string, urgency: UrgencyKey = 'normal'): TimeLimit {
  const entry = policy[kind]?.[stage];
  if (!entry) throw new Error(`no time limit for ${kind}/${stage}`);
  return 'unit' in entry ? (entry as TimeLimit) : (entry as Record<UrgencyKey, TimeLimit>)[urgency];
}
