import { at } from '@qf/kernel/testing';
import { escalationIdOf } from '../escalation';
import { SIGN, T0, clueKind, escalationsOf, fireSign, hotlineKind, levelOne, opened, schedulerCtx, signRef, signRung, warned } from '../escalation.fixtures';

const hotline = escalationsOf(hotlineKind);
const clue = escalationsOf(clueKind);

describe('超期督办 FireEscalations (the schedulers’ command)', () => {
  it('given an open deadline, when nothing is due yet, then nothing fires', () => {
    hotline.given(opened).when(fireSign, schedulerCtx(hotlineKind, '2026-03-17T16:00:00+08:00')).then([]);
  });

  it('given an open deadline, when its 80 % mark has passed, then the warning goes to the handling unit’s handlers', () => {
    hotline.given(opened).when(fireSign, schedulerCtx(hotlineKind, '2026-03-17T16:12:00+08:00')).then([signRung(0)]);
  });

  it('given the warning fired, when the scheduler ticks again before the deadline, then nothing fires twice', () => {
    hotline.given(opened, warned).when(fireSign, schedulerCtx(hotlineKind, '2026-03-17T20:00:00+08:00')).then([]);
  });

  it('given the warning fired, when the deadline passes, then only level 1 (the unit’s head) fires', () => {
    hotline.given(opened, warned).when(fireSign, schedulerCtx(hotlineKind, '2026-03-18T00:00:00+08:00')).then([signRung(1)]);
  });

  it('given nothing fired, when the clock is past every rung, then all four fire once, in ladder order', () => {
    hotline.given(opened).when(fireSign, schedulerCtx(hotlineKind, '2026-03-27T00:00:00+08:00')).then([signRung(0), signRung(1), signRung(2), signRung(3)]);
  });

  it('given rungs 0 and 1 fired, when the clock is past level 3, then levels 2 and 3 fire', () => {
    hotline.given(opened, warned, levelOne).when(fireSign, schedulerCtx(hotlineKind, '2026-03-27T00:00:00+08:00')).then([signRung(2), signRung(3)]);
  });

  it('given the deadline met (or cancelled), when the clock is past every rung, then nothing fires', () => {
    const met = at({ type: 'StageMet' as const, data: { stage: 'sign' } }, '2026-03-17T10:00:00.000+08:00');
    const cancelled = at({ type: 'StageCancelled' as const, data: { stage: 'sign' } }, '2026-03-17T10:00:00.000+08:00');
    hotline.given(opened, met).when(fireSign, schedulerCtx(hotlineKind, '2026-03-27T00:00:00+08:00')).then([]);
    hotline.given(opened, cancelled).when(fireSign, schedulerCtx(hotlineKind, '2026-03-27T00:00:00+08:00')).then([]);
  });

  it('given no such case or stage, then nothing fires', () => {
    hotline.given().when(fireSign, schedulerCtx(hotlineKind, '2026-03-27T00:00:00+08:00')).then([]);
    hotline.given(opened).when({ type: 'FireEscalations', deadline: { ...signRef, round: 2 } }, schedulerCtx(hotlineKind, '2026-03-27T00:00:00+08:00')).then([]);
  });

  it('given a clue deadline (the discipline unit’s), when the clock is far past it, then its ladder stops at level 2 — to the root', () => {
    const disposition = { stage: 'disposition', startedAt: T0, dueAt: SIGN.dueAt, warnAt: SIGN.warnAt };
    const clueOpened = at({ type: 'CaseOpened' as const, data: { unitId: null, deadlines: [disposition] } }, T0);
    const ref = { kind: 'clue', caseId: 'XS20260316-0001', stage: 'disposition', round: 1 };
    const rung = (level: 0 | 1 | 2, fireAt: string, targetUnitId: string, targetRole: 'unit_handler' | 'unit_head' | 'supervisor') => ({
      type: 'DeadlineEscalated' as const,
      data: { escalationId: escalationIdOf(ref, SIGN.dueAt, level), caseKind: 'clue', caseId: 'XS20260316-0001', stage: 'disposition', round: 1, level, dueAt: SIGN.dueAt, fireAt, unitId: 'U-JW', targetUnitId, targetRole },
    });
    clue.given(clueOpened).when({ type: 'FireEscalations', deadline: ref }, schedulerCtx(clueKind, '2026-04-30T00:00:00+08:00')).then([
      rung(0, '2026-03-17T16:11:59.999+08:00', 'U-JW', 'unit_handler'),
      rung(1, '2026-03-17T23:59:59.999+08:00', 'U-JW', 'unit_head'),
      rung(2, '2026-03-20T23:59:59.999+08:00', 'U-QU', 'supervisor'),
    ]);
  });
});
