/**
 * Shared givens of the escalation specs. The case kinds are plain objects shaped as the registered kinds are
 * (`CaseKindDefinition`: a fold, its facts, and the ladder rules hotline and clue register — handling unit up to
 * level 3, discipline unit up to level 2), folding a small case stream of their own: no other context's lib.
 */
import { SYSTEM_ACTOR, closeStage, startDeadlines, type Actor, type Deadline, type DeadlineStart, type DomainEvent } from '@qf/kernel';
import { at, specOf } from '@qf/kernel/testing';
import type { FoldedEvent } from '@qf/contracts';
import type { LadderDirectory } from './escalation-ladder';
import { escalatable, escalationIdOf, type DeadlineRef, type EscalatedKind, type Escalatable, type EscalationEvent } from './escalation';
import { decide, type EscalationCommand } from './escalation.decide';
import type { EscalationDecideContext } from './escalation.rules';

/** The sample district: streets and departments under U-QU; 区纪委 U-JW, 信访局 U-XF. */
const parents: Record<string, string | null> = { 'U-QU': null, 'U-JD-01': 'U-QU', 'U-JW': 'U-QU', 'U-XF': 'U-QU' };
export const ladder: LadderDirectory = {
  parentOf: (id) => parents[id] ?? null,
  rootId: () => 'U-QU',
  disciplineUnitId: () => 'U-JW',
  petitionsBureauId: () => 'U-XF',
};

/** A case's own events, as any kind's stream has them: its stages start, and are met or cancelled. */
export type CaseEvent =
  | DomainEvent<'CaseOpened', { unitId: string | null; deadlines: DeadlineStart[] }>
  | DomainEvent<'StageMet', { stage: string }>
  | DomainEvent<'StageCancelled', { stage: string }>;
interface CaseState {
  exists: boolean;
  unitId: string | null;
  openedAt: string;
  deadlines: Deadline[];
}

const caseKind = (escalation: EscalatedKind['escalation']): EscalatedKind => ({
  initialState: (): CaseState => ({ exists: false, unitId: null, openedAt: '', deadlines: [] }),
  evolve: (s: CaseState, folded: FoldedEvent): CaseState => {
    const e = folded as CaseEvent & { occurredAt: string };
    switch (e.type) {
      case 'CaseOpened':
        return { exists: true, unitId: e.data.unitId, openedAt: e.occurredAt, deadlines: startDeadlines([], e.data.deadlines, 1) };
      case 'StageMet':
        return { ...s, deadlines: closeStage(s.deadlines, e.data.stage, 'met', e.occurredAt) };
      case 'StageCancelled':
        return { ...s, deadlines: closeStage(s.deadlines, e.data.stage, 'cancelled', e.occurredAt) };
      default:
        return s;
    }
  },
  facts: (s: CaseState) => ({ exists: s.exists, unitId: s.unitId, receivedAt: s.openedAt, cleared: false, mainStage: 'reply', deadlines: s.deadlines }),
  escalation,
});
/** As `hotlineCaseKind` registers its ladder: the handling unit answers every stage, up to level 3. */
export const hotlineKind = caseKind({ responsible: () => 'handling_unit', topLevel: 3 });
/** As `clueCaseKind` registers its ladder: the discipline unit answers every stage, and ladders stop at level 2. */
export const clueKind = caseKind({ responsible: () => 'discipline_unit', topLevel: 2 });

type Event = CaseEvent | EscalationEvent;
export const escalationsOf = (kind: EscalatedKind) => specOf<Escalatable<unknown>, Event, EscalationCommand, EscalationDecideContext>(escalatable<unknown, Event>(kind), decide);
export const ctx = (kind: EscalatedKind, actor: Actor, now: string): EscalationDecideContext => ({ actor, now: new Date(now), kind, ladder: () => ladder });
export const schedulerCtx = (kind: EscalatedKind, now: string) => ctx(kind, SYSTEM_ACTOR, now);

/** A normal work order dispatched Mon 2026-03-16 09:00: sign due 03-17 (warning at 80 %), level 2 +3 and level 3 +7 working days. */
export const T0 = '2026-03-16T09:00:00.000+08:00';
export const SIGN: DeadlineStart = { stage: 'sign', startedAt: T0, dueAt: '2026-03-17T23:59:59.999+08:00', warnAt: '2026-03-17T16:11:59.999+08:00' };
export const opened = at<Event>({ type: 'CaseOpened', data: { unitId: 'U-JD-01', deadlines: [SIGN] } }, T0);
export const signRef: DeadlineRef = { kind: 'hotline', caseId: 'RX-1', stage: 'sign', round: 1 };
export const fireSign = { type: 'FireEscalations' as const, deadline: signRef };

export const handler: Actor = { sub: 'h-1', name: '经办人', roles: ['unit_handler'], unitId: 'U-JD-01' };
export const head: Actor = { sub: 'hd-1', name: '负责人', roles: ['unit_head'], unitId: 'U-JD-01' };
export const otherHandler: Actor = { sub: 'h-2', name: '经办人', roles: ['unit_handler'], unitId: 'U-JD-02' };

/** The rung of the sign deadline at `level`, as firing it appends it. */
export const signRung = (level: 0 | 1 | 2 | 3) => {
  const target = [
    { fireAt: '2026-03-17T16:11:59.999+08:00', targetUnitId: 'U-JD-01', targetRole: 'unit_handler' as const },
    { fireAt: '2026-03-17T23:59:59.999+08:00', targetUnitId: 'U-JD-01', targetRole: 'unit_head' as const },
    { fireAt: '2026-03-20T23:59:59.999+08:00', targetUnitId: 'U-QU', targetRole: 'supervisor' as const },
    { fireAt: '2026-03-26T23:59:59.999+08:00', targetUnitId: 'U-JW', targetRole: 'inspector' as const },
  ][level];
  return {
    type: 'DeadlineEscalated' as const,
    data: { escalationId: escalationIdOf(signRef, SIGN.dueAt, level), caseKind: 'hotline', caseId: 'RX-1', stage: 'sign', round: 1, level, dueAt: SIGN.dueAt, unitId: 'U-JD-01', ...target },
  };
};
export const warned = at<Event>(signRung(0), '2026-03-17T16:12:00.000+08:00');
export const levelOne = at<Event>(signRung(1), '2026-03-18T00:00:00.000+08:00');
