import { DEFAULT_SLA_POLICY, dueAt, formatShanghai, limitFor, warnAt } from '@qf/kernel';
import { LadderDirectory, dueSteps, planLadder, responsibleUnit } from './escalation-ladder';

/** The sample district: streets and departments under U-QU, communities under 东城街道. */
const parents: Record<string, string | null> = { 'U-QU': null, 'U-JD-01': 'U-QU', 'U-JD-01-01': 'U-JD-01', 'U-JW': 'U-QU', 'U-XF': 'U-QU', 'U-BM-ZJ': 'U-QU' };
const dir: LadderDirectory = {
  parentOf: (id) => parents[id] ?? null,
  rootId: () => 'U-QU',
  disciplineUnitId: () => 'U-JW',
  petitionsBureauId: () => 'U-XF',
};

/** What each kind says of its ladders (SPEC §4), as the kinds register it. */
const HANDLING = { responsible: 'handling_unit', topLevel: 3 } as const;
const BUREAU = { responsible: 'petitions_bureau', topLevel: 3 } as const;
const DISCIPLINE = { responsible: 'discipline_unit', topLevel: 2 } as const;

function hotlineSign(dispatchedAt: string) {
  const start = new Date(dispatchedAt);
  const due = dueAt(start, limitFor(DEFAULT_SLA_POLICY, 'hotline', 'sign', 'normal'));
  return { ...HANDLING, stage: 'sign', caseUnitId: 'U-JD-01', dueAt: formatShanghai(due), warnAt: formatShanghai(warnAt(start, due)) };
}

describe('the escalation ladder (超期督办, SPEC §4)', () => {
  it('issue 4: a normal order dispatched Mon 2026-03-16 09:00 — warning, level 1, +3 and +7 working days', () => {
    expect(planLadder(hotlineSign('2026-03-16T09:00:00+08:00'), dir)).toEqual([
      { level: 0, fireAt: '2026-03-17T16:11:59.999+08:00', targetUnitId: 'U-JD-01', targetRole: 'unit_handler' },
      { level: 1, fireAt: '2026-03-17T23:59:59.999+08:00', targetUnitId: 'U-JD-01', targetRole: 'unit_head' },
      { level: 2, fireAt: '2026-03-20T23:59:59.999+08:00', targetUnitId: 'U-QU', targetRole: 'supervisor' },
      { level: 3, fireAt: '2026-03-26T23:59:59.999+08:00', targetUnitId: 'U-JW', targetRole: 'inspector' },
    ]);
  });

  it('counts working days across holidays: a deadline before Qingming 2026 (04-04..06 off)', () => {
    const plan = planLadder({ ...HANDLING, stage: 'handle', caseUnitId: 'U-JD-01-01', dueAt: '2026-04-02T23:59:59.999+08:00', warnAt: '2026-03-20T00:00:00.000+08:00' }, dir);
    expect(plan.find((s) => s.level === 2)).toEqual({ level: 2, fireAt: '2026-04-08T23:59:59.999+08:00', targetUnitId: 'U-JD-01', targetRole: 'supervisor' });
    expect(plan.find((s) => s.level === 3)!.fireAt).toBe('2026-04-14T23:59:59.999+08:00');
  });

  it('aims each stage at its responsible unit: the bureau for petition assign, the discipline unit for clues', () => {
    expect(responsibleUnit({ ...BUREAU, stage: 'assign', caseUnitId: null }, dir)).toBe('U-XF');
    expect(responsibleUnit({ ...HANDLING, stage: 'accept', caseUnitId: 'U-BM-ZJ' }, dir)).toBe('U-BM-ZJ');
    expect(responsibleUnit({ ...DISCIPLINE, stage: 'disposition', caseUnitId: 'U-BM-ZJ' }, dir)).toBe('U-JW');
  });

  it('stops clue ladders at level 2, and sends level 2 of a root-level unit to the root', () => {
    const clue = planLadder({ ...DISCIPLINE, stage: 'disposition', caseUnitId: null, dueAt: '2026-04-16T23:59:59.999+08:00', warnAt: '2026-04-10T00:00:00.000+08:00' }, dir);
    expect(clue.map((s) => s.level)).toEqual([0, 1, 2]);
    expect(clue[2].targetUnitId).toBe('U-QU');
    const root = planLadder({ ...HANDLING, stage: 'reply', caseUnitId: 'U-QU', dueAt: '2026-03-20T23:59:59.999+08:00', warnAt: '2026-03-19T00:00:00.000+08:00' }, dir);
    expect(root[2].targetUnitId).toBe('U-QU');
  });

  it('tells a scheduler tick which steps are due and not yet fired', () => {
    const plan = planLadder(hotlineSign('2026-03-16T09:00:00+08:00'), dir);
    expect(dueSteps(plan, new Set(), new Date('2026-03-17T12:00:00+08:00'))).toEqual([]);
    expect(dueSteps(plan, new Set(), new Date('2026-03-18T00:00:00+08:00')).map((s) => s.level)).toEqual([0, 1]);
    expect(dueSteps(plan, new Set([0, 1]), new Date('2026-03-27T00:00:00+08:00')).map((s) => s.level)).toEqual([2, 3]);
  });
});
