import { Role, dueAt, formatShanghai } from '@qf/kernel';
import type { ResponsibleUnit } from '@qf/contracts';

/** 0 = 预警 warning, 1–3 = 超期督办 levels (SPEC §4). */
export type EscalationLevel = 0 | 1 | 2 | 3;
/** A registered case kind's name (`hotline`, `petition`, `clue`, `supervision_order`). */
export type CaseKind = string;

/** One rung of the ladder: when it fires and whose inbox it lands in. */
export interface LadderStep {
  level: EscalationLevel;
  fireAt: string;
  targetUnitId: string;
  targetRole: Role;
}

/** What the ladder needs to know of the directory, resolved when the plan is made. */
export interface LadderDirectory {
  /** The unit's parent, or null at the root. */
  parentOf(unitId: string): string | null;
  rootId(): string;
  disciplineUnitId(): string;
  petitionsBureauId(): string | null;
}

export interface DeadlineToEscalate {
  stage: string;
  /** Who is responsible for the stage, from the case kind (SPEC §4 "U"). */
  responsible: ResponsibleUnit;
  /** The highest level the kind's ladders climb to (clues stop at 2). */
  topLevel: 2 | 3;
  /** The unit handling the case (承办单位); null before a petition is assigned. */
  caseUnitId: string | null;
  dueAt: string;
  warnAt: string;
}

/**
 * U, the unit responsible for the stage, as the case kind says: the handling unit (hotline, petition handling
 * stages, supervision orders), the petitions bureau (petition `assign`), the discipline unit (clue stages).
 */
export function responsibleUnit(d: Pick<DeadlineToEscalate, 'responsible' | 'stage' | 'caseUnitId'>, dir: LadderDirectory): string {
  switch (d.responsible) {
    case 'discipline_unit':
      return dir.disciplineUnitId();
    case 'petitions_bureau':
      return dir.petitionsBureauId() ?? dir.rootId();
    case 'handling_unit':
      if (!d.caseUnitId) throw new Error(`stage ${d.stage} has no handling unit to escalate`);
      return d.caseUnitId;
    default: {
      const _exhaustive: never = d.responsible;
      throw new Error(`unknown responsible unit ${String(_exhaustive)}`);
    }
  }
}

const LEVEL_2_WORKING_DAYS = 3;
const LEVEL_3_WORKING_DAYS = 7;

/**
 * The ladder of one deadline (SPEC §4): a warning to U's handlers at 80 %, level 1 to U's head at the deadline,
 * level 2 to the supervisors of U's parent (the root for a unit without one) 3 working days later, level 3 to the
 * discipline unit's inspectors 7 working days later. Clue stages stop at level 2 — no accountability clue about the
 * discipline unit itself.
 */
export function planLadder(d: DeadlineToEscalate, dir: LadderDirectory): LadderStep[] {
  const unit = responsibleUnit(d, dir);
  const target: Record<EscalationLevel, Pick<LadderStep, 'targetUnitId' | 'targetRole'>> = {
    0: { targetUnitId: unit, targetRole: 'unit_handler' },
    1: { targetUnitId: unit, targetRole: 'unit_head' },
    2: { targetUnitId: dir.parentOf(unit) ?? dir.rootId(), targetRole: 'supervisor' },
    3: { targetUnitId: dir.disciplineUnitId(), targetRole: 'inspector' },
  };
  return ladderTimes(d).map((t) => ({ ...t, ...target[t.level] }));
}

/**
 * When each rung of a deadline's ladder fires — this needs no directory, so the deadline read model can keep the
 * next firing time of every open deadline in a column the schedulers query.
 */
export function ladderTimes(d: Pick<DeadlineToEscalate, 'topLevel' | 'dueAt' | 'warnAt'>): Array<{ level: EscalationLevel; fireAt: string }> {
  const due = new Date(d.dueAt);
  const times: Array<{ level: EscalationLevel; fireAt: string }> = [
    { level: 0, fireAt: d.warnAt },
    { level: 1, fireAt: d.dueAt },
    { level: 2, fireAt: formatShanghai(dueAt(due, { amount: LEVEL_2_WORKING_DAYS, unit: 'working_days' })) },
  ];
  if (d.topLevel === 3) times.push({ level: 3, fireAt: formatShanghai(dueAt(due, { amount: LEVEL_3_WORKING_DAYS, unit: 'working_days' })) });
  return times;
}

/** The steps that are due at `now` and not fired yet — what a scheduler tick must do for one deadline. */
export function dueSteps(plan: LadderStep[], fired: ReadonlySet<EscalationLevel>, now: Date): LadderStep[] {
  return plan.filter((s) => !fired.has(s.level) && Date.parse(s.fireAt) <= now.getTime());
}
