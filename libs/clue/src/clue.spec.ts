import { at } from '@qf/kernel/testing';
import { isHandled, type ClueEvent } from './clue';
import {
  ID,
  caseFiled,
  clue,
  concluded,
  found,
  held,
  inquiry,
  inquiryAnswered,
  registered,
  registeredRealName,
  reporterForgotten,
  reporterNotified,
  subjects,
  verifying,
} from './clue.fixtures';

/** evolve: what a clue's events fold to (each command's own spec sits in its slice). */
describe('problem clue (问题线索) evolve', () => {
  it('folds a real-name clue through notice → verification → substantiated → case → sanction → conclusion, every limit met', () => {
    const sanctioned = at<ClueEvent>(
      { type: 'SanctionRecorded', data: { id: ID, subjectIndex: 0, subjectUnitId: 'U-BM-ZJ', form: 3, measure: 'probation_within_party', decidedAt: '2026-04-21T15:00:00+08:00', basis: '条例' } },
      '2026-04-21T16:00:00.000+08:00',
    );
    const { state } = clue.given(registeredRealName, reporterNotified, verifying, found('substantiated'), caseFiled, sanctioned, concluded);
    expect(state).toMatchObject({
      exists: true,
      id: ID,
      status: 'concluded',
      subjects,
      receivedAt: '2026-03-16T09:00:00.000+08:00',
      disposition: { method: 'preliminary_verification', rationale: '经集体研究', approvedBy: '周书记', decidedAt: '2026-03-17T10:00:00.000+08:00' },
      verification: { finding: 'substantiated', report: '初核报告', reportedAt: '2026-04-20T10:00:00.000+08:00' },
      caseFiled: { summary: '违规发放津补贴案', filedAt: '2026-04-21T10:00:00.000+08:00' },
      sanctions: [{ ...sanctioned.data, recordedAt: '2026-04-21T16:00:00.000+08:00' }],
      reporterNotice: { channel: 'phone', note: '已电话告知受理', at: '2026-03-18T10:00:00.000+08:00' },
      escalationId: null,
    });
    expect(state.deadlines.map((d) => `${d.stage}:${d.state}:${d.closedAt}`)).toEqual([
      'disposition:met:2026-03-17T10:00:00.000+08:00',
      'reporter_notice:met:2026-03-18T10:00:00.000+08:00',
      'verification:met:2026-04-20T10:00:00.000+08:00',
    ]);
    expect(isHandled(state)).toBe(true);
  });

  it('is handled once filed as a case, not before', () => {
    expect(isHandled(clue.given(registered, verifying, found('substantiated')).state)).toBe(false);
    expect(isHandled(clue.given(registered, verifying, found('substantiated'), caseFiled).state)).toBe(true);
  });

  it('folds an inquiry answered, a name cleared and fault tolerance; a held clue leaves only disposition met', () => {
    const cleared = at<ClueEvent>({ type: 'NameCleared', data: { id: ID, subjectIndex: 1, scope: '本单位' } }, '2026-04-01T10:00:00.000+08:00');
    const tolerated = at<ClueEvent>({ type: 'FaultToleranceRecorded', data: { id: ID, subjectIndex: 0, reason: '容错' } }, '2026-04-02T10:00:00.000+08:00');
    const { state } = clue.given(registered, inquiry, inquiryAnswered, cleared, tolerated);
    expect(state).toMatchObject({
      status: 'inquiry',
      inquiry: { explanation: '津补贴系按文件发放，已提交说明材料。', answeredAt: '2026-03-30T10:00:00.000+08:00' },
      clearedNames: [{ subjectIndex: 1, scope: '本单位', at: '2026-04-01T10:00:00.000+08:00' }],
      faultTolerance: [{ subjectIndex: 0, reason: '容错', at: '2026-04-02T10:00:00.000+08:00' }],
    });
    expect(state.deadlines.map((d) => `${d.stage}:${d.state}`)).toEqual(['disposition:met', 'inquiry_reply:met']);
    expect(clue.given(registered, held).state.deadlines.map((d) => `${d.stage}:${d.state}`)).toEqual(['disposition:met']);
    expect(clue.given(registered, held).state.status).toBe('held');
  });

  it('keeps the sealed reporter but marks them forgotten; an accountability clue remembers its escalation', () => {
    const forgotten = clue.given(registeredRealName, reporterForgotten).state;
    expect(forgotten).toMatchObject({ reporterForgotten: true, reporter: { realName: true } });
    const accountable = clue.given(registered, { type: 'AccountabilityClueRegistered', data: { escalationId: 'esc-3', clueId: ID } }).state;
    expect(accountable.escalationId).toBe('esc-3');
  });
});
