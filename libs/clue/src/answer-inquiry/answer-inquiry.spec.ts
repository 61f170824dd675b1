import { ID, clue, ctx, handler, inquiry, inquiryAnswered, inspector, registered, verifying } from '../clue.fixtures';

const answer = { type: 'AnswerInquiry' as const, explanation: '津补贴系按文件发放，已提交说明材料。' };
const NOW = '2026-03-30T10:00:00+08:00';

describe('函询回复 AnswerInquiry', () => {
  it('given a clue in inquiry, when the reply is recorded, then the inquiry is answered and its limit met', () => {
    clue.given(registered, inquiry).when(answer, ctx(inspector, NOW)).then([{ type: 'InquiryAnswered', data: { id: ID, explanation: '津补贴系按文件发放，已提交说明材料。' } }]);
    expect(clue.given(registered, inquiry, inquiryAnswered).state.deadlines.map((d) => `${d.stage}:${d.state}`)).toEqual(['disposition:met', 'inquiry_reply:met']);
  });

  it('given an answered inquiry, when another reply comes, then it is a rule violation', () => {
    clue.given(registered, inquiry, inquiryAnswered).when(answer, ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /already been answered/);
  });

  it('given a registered or verifying clue, when an inquiry reply comes, then the transition is invalid', () => {
    clue.given(registered).when(answer, ctx(inspector, NOW)).thenFails('INVALID_TRANSITION', /inquiry reply/);
    clue.given(registered, verifying).when(answer, ctx(inspector, NOW)).thenFails('INVALID_TRANSITION');
  });

  it('given a clue in inquiry, when a unit handler records the reply, then it is forbidden', () => {
    clue.given(registered, inquiry).when(answer, ctx(handler, NOW)).thenFails('FORBIDDEN');
  });
});
