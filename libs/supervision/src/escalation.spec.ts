import { at } from '@qf/kernel/testing';
import { escalationsOf, hotlineKind, opened, signRung, warned } from './escalation.fixtures';

const hotline = escalationsOf(hotlineKind);

/** evolve: a case's stream folded for its escalations — the kind's own fold inside, the rungs beside it. */
describe('escalations (超期督办) evolve', () => {
  it('folds the case’s own events through its kind, and each rung, acknowledgement and accountability clue beside them', () => {
    const warning = signRung(0).data.escalationId;
    const acknowledged = at({ type: 'EscalationAcknowledged' as const, data: { escalationId: warning, comment: '已阅', by: { sub: 'h-1', name: '经办人', unitId: 'U-JD-01', roles: ['unit_handler'] } } }, '2026-03-17T17:00:00.000+08:00');
    const clue = at({ type: 'AccountabilityClueRegistered' as const, data: { escalationId: warning, clueId: 'XS20260330-0001' } }, '2026-03-30T09:00:00.000+08:00');
    const { state } = hotline.given(opened, warned, acknowledged, clue);
    expect((state.inner as { deadlines: Array<{ stage: string; state: string }> }).deadlines.map((d) => `${d.stage}:${d.state}`)).toEqual(['sign:pending']);
    expect(Object.keys(state.fired)).toEqual([warning]);
    expect(state.fired[warning]).toMatchObject({ escalatedAt: '2026-03-17T16:12:00.000+08:00', acknowledged: { comment: '已阅' }, clueId: 'XS20260330-0001' });
  });

  it('ignores an acknowledgement of a rung the stream does not hold', () => {
    const stray = at({ type: 'EscalationAcknowledged' as const, data: { escalationId: 'not-fired', comment: null, by: { sub: 'x', name: null, unitId: null, roles: [] } } }, '2026-03-17T17:00:00.000+08:00');
    expect(hotline.given(opened, stray).state.fired).toEqual({});
  });
});
