import { STAGES_STANDARD, T0, ctx, handler, head, issued, otherHandler, studied, supervisionOrder, supervisor } from '../supervision-order.fixtures';
import { at } from '@qf/kernel/testing';
import type { SupervisionOrderEvent } from '../supervision-order';

const answer = (stage: string) => ({ type: 'AnswerSupervisionStage' as const, stage, content: '已召开专题会研究部署' });
const NOW = '2026-03-16T17:00:00+08:00';

describe('督办反馈 AnswerSupervisionStage', () => {
  it('given an issued order, when its handling unit answers a stage, then that stage is answered', () => {
    supervisionOrder.given(issued).when(answer('study'), ctx(handler, NOW)).then([
      { type: 'SupervisionStageAnswered', data: { id: 'DB20260316-0001', stage: 'study', content: '已召开专题会研究部署', unitId: 'U-JD-01' } },
    ]);
  });

  it('given an issued order, when the head of the handling unit answers, then it is answered too', () => {
    supervisionOrder.given(issued).when(answer('feedback'), ctx(head, NOW)).thenDecision((d) => expect(d.events.map((e) => e.type)).toEqual(['SupervisionStageAnswered']));
  });

  it('given an issued order, when another unit or the supervisor answers, then it is forbidden', () => {
    supervisionOrder.given(issued).when(answer('study'), ctx(otherHandler, NOW)).thenFails('FORBIDDEN', /handling unit/);
    supervisionOrder.given(issued).when(answer('study'), ctx(supervisor, NOW)).thenFails('FORBIDDEN', /handling unit/);
  });

  it('given a stage answered, when it is answered again, then the transition is invalid', () => {
    supervisionOrder.given(issued, studied).when(answer('study'), ctx(handler, NOW)).thenFails('INVALID_TRANSITION', /already answered/);
  });

  it('given a standard order, when a 13710-only stage is answered, then the preset has no such stage', () => {
    const standard = at<SupervisionOrderEvent>(
      { type: 'SupervisionOrderIssued', data: { id: 'DB20260316-0001', caseKind: 'hotline', caseId: 'RX-1', requirement: '限期整改', preset: 'standard', unitId: 'U-JD-01', issuedBy: { sub: 'sup-1', unitId: 'U-QU' }, deadlines: STAGES_STANDARD } },
      T0,
    );
    supervisionOrder.given(standard).when(answer('study'), ctx(handler, NOW)).thenFails('RULE_VIOLATION', /no stage study/);
  });

  it('given no order, when a stage is answered, then it is not found', () => {
    supervisionOrder.given().when(answer('study'), ctx(handler, NOW)).thenFails('NOT_FOUND');
  });
});
