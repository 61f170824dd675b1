import { ID, INQUIRY_REPLY, T1, VERIFICATION, clue, closed, ctx, handler, held, inquiry, inspector, leader, manager, registered } from '../clue.fixtures';
import type { DispositionMethod } from '../clue';

const dispose = (method: DispositionMethod) => ({ type: 'DisposeClue' as const, method, rationale: '经集体研究', approvedBy: '周书记' });

describe('处置 DisposeClue', () => {
  it('given a registered clue, when an inspector disposes of it by talk_inquiry, then the inquiry_reply limit (15 working days) starts and the clue is in inquiry', () => {
    const decided = clue
      .given(registered)
      .when(dispose('talk_inquiry'), ctx(inspector, T1))
      .then([{ type: 'ClueDisposed', data: { id: ID, method: 'talk_inquiry', rationale: '经集体研究', approvedBy: '周书记', deadlines: [INQUIRY_REPLY] } }]);
    expect(clue.given(registered, ...decided.events).state.status).toBe('inquiry');
  });

  it('given a registered clue, when a case manager disposes of it by preliminary_verification, then the verification limit (3 calendar months) starts', () => {
    clue
      .given(registered)
      .when(dispose('preliminary_verification'), ctx(manager, T1))
      .then([{ type: 'ClueDisposed', data: { id: ID, method: 'preliminary_verification', rationale: '经集体研究', approvedBy: '周书记', deadlines: [VERIFICATION] } }]);
  });

  it('given a registered clue, when it is held or closed, then no limit starts and each method leads to its status', () => {
    const statuses = { talk_inquiry: 'inquiry', preliminary_verification: 'verifying', hold: 'held', close: 'concluded' } as const;
    for (const method of ['hold', 'close'] as const) {
      clue.given(registered).when(dispose(method), ctx(inspector, T1)).then([{ type: 'ClueDisposed', data: { id: ID, method, rationale: '经集体研究', approvedBy: '周书记', deadlines: [] } }]);
    }
    for (const [method, status] of Object.entries(statuses)) {
      const decided = clue.given(registered).when(dispose(method as DispositionMethod), ctx(inspector, T1)).thenDecision(() => undefined);
      expect(clue.given(registered, ...decided.events).state.status).toBe(status);
    }
  });

  it('given a held clue, when it is disposed of again, then it is', () => {
    clue
      .given(registered, held)
      .when(dispose('talk_inquiry'), ctx(inspector, T1))
      .then([{ type: 'ClueDisposed', data: { id: ID, method: 'talk_inquiry', rationale: '经集体研究', approvedBy: '周书记', deadlines: [INQUIRY_REPLY] } }]);
  });

  it('given a clue in inquiry or concluded, when it is disposed of, then the transition is invalid', () => {
    clue.given(registered, inquiry).when(dispose('hold'), ctx(inspector, T1)).thenFails('INVALID_TRANSITION', /disposition/);
    clue.given(registered, closed).when(dispose('hold'), ctx(inspector, T1)).thenFails('INVALID_TRANSITION');
  });

  it('given no clue, when it is disposed of, then it is not found', () => {
    clue.given().when(dispose('hold'), ctx(inspector, T1)).thenFails('NOT_FOUND');
  });

  it('given a registered clue, when anyone but an inspector or case manager disposes of it, then it is forbidden', () => {
    for (const actor of [handler, leader]) clue.given(registered).when(dispose('close'), ctx(actor, T1)).thenFails('FORBIDDEN');
  });
});
