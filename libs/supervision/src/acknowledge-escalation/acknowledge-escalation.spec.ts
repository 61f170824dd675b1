import { at } from '@qf/kernel/testing';
import { ctx, escalationsOf, handler, head, hotlineKind, opened, otherHandler, signRung, warned } from '../escalation.fixtures';
import { isEscalationTarget } from './acknowledge-escalation';

const hotline = escalationsOf(hotlineKind);
const warning = signRung(0).data.escalationId;
const NOW = '2026-03-17T17:00:00+08:00';
const ack = (comment?: string) => ({ type: 'AcknowledgeEscalation' as const, escalationId: warning, ...(comment ? { comment } : {}) });

describe('签收督办 AcknowledgeEscalation', () => {
  it('given a fired warning, when its target (the unit’s handler) acknowledges it, then it is acknowledged, with who and the comment', () => {
    hotline.given(opened, warned).when(ack('已阅，今日签收'), ctx(hotlineKind, handler, NOW)).then([
      { type: 'EscalationAcknowledged', data: { escalationId: warning, comment: '已阅，今日签收', by: { sub: 'h-1', name: '经办人', unitId: 'U-JD-01', roles: ['unit_handler'] } } },
    ]);
  });

  it('given a fired warning, when acknowledged without a comment, then the comment is null', () => {
    hotline.given(opened, warned).when(ack(), ctx(hotlineKind, handler, NOW)).thenDecision((d) => expect(d.events[0].data).toMatchObject({ comment: null }));
  });

  it('given an acknowledged warning, when it is acknowledged again, then the transition is invalid', () => {
    const acknowledged = at({ type: 'EscalationAcknowledged' as const, data: { escalationId: warning, comment: null, by: { sub: 'h-1', name: '经办人', unitId: 'U-JD-01', roles: ['unit_handler'] } } }, NOW);
    hotline.given(opened, warned, acknowledged).when(ack(), ctx(hotlineKind, handler, NOW)).thenFails('INVALID_TRANSITION', /already acknowledged/);
  });

  it('given no such escalation, then it is not found', () => {
    hotline.given(opened).when(ack(), ctx(hotlineKind, handler, NOW)).thenFails('NOT_FOUND');
  });

  it('given a fired warning, when someone it is not aimed at acknowledges it (another unit, another role), then they are refused', () => {
    hotline.given(opened, warned).when(ack(), ctx(hotlineKind, otherHandler, NOW)).thenFails('FORBIDDEN', /addressed to/);
    hotline.given(opened, warned).when(ack(), ctx(hotlineKind, head, NOW)).thenFails('FORBIDDEN', /addressed to/);
  });
});

describe('whose inbox an escalation is in', () => {
  const level3 = { targetUnitId: 'U-JW', targetRole: 'inspector' };
  it('a case manager of the target unit is addressed as its inspectors are (SPEC §1: all an inspector may)', () => {
    expect(isEscalationTarget({ sub: 'm-1', name: '案管', roles: ['case_manager'], unitId: 'U-JW' }, level3)).toBe(true);
    expect(isEscalationTarget({ sub: 'i-1', name: '检查员', roles: ['inspector'], unitId: 'U-JW' }, level3)).toBe(true);
    expect(isEscalationTarget({ sub: 'm-2', name: '案管', roles: ['case_manager'], unitId: 'U-JD-01' }, level3)).toBe(false);
    expect(isEscalationTarget({ sub: 'l-1', name: '领导', roles: ['leader'], unitId: 'U-JW' }, level3)).toBe(false);
  });
});
