/** Shared givens of the clue specs: the actors, the decide context, and the events of typical clues. */
import { DEFAULT_SLA_POLICY, SYSTEM_ACTOR, type Actor } from '@qf/kernel';
import { at, specOf } from '@qf/kernel/testing';
import { clueAggregate, type Clue, type ClueEvent, type ClueSubject, type DeadlineStart, type DispositionMethod, type Finding, type StoredReporter } from './clue';
import { decide, type ClueCommand } from './clue.decide';
import type { ClueDecideContext } from './clue-rules';
import type { RegisterClue } from './register-clue/register-clue';

export const inspector: Actor = { sub: 'i-1', name: '检查员', roles: ['inspector'], unitId: 'U-JW' };
export const manager: Actor = { sub: 'm-1', name: '案管', roles: ['case_manager'], unitId: 'U-JW' };
/** Callers who may never touch a clue (SPEC §3.3: others 403). */
export const handler: Actor = { sub: 'h-1', name: '经办人', roles: ['unit_handler'], unitId: 'U-JD-01' };
export const leader: Actor = { sub: 'l-1', name: '领导', roles: ['leader'], unitId: 'U-QU' };
export const operator: Actor = { sub: 'op-1', name: '话务员', roles: ['hotline_operator'], unitId: 'U-RX' };
export const system: Actor = SYSTEM_ACTOR;

export const ctx = (actor: Actor, now: string): ClueDecideContext => ({ actor, now: new Date(now), policy: DEFAULT_SLA_POLICY });
export const clue = specOf<Clue, ClueEvent, ClueCommand, ClueDecideContext>(clueAggregate, decide);

export const ID = 'XS20260316-0001';
/** Registered Mon 2026-03-16 09:00; disposed Tue 2026-03-17 10:00. */
export const T0 = '2026-03-16T09:00:00.000+08:00';
export const T1 = '2026-03-17T10:00:00.000+08:00';

/** disposition: 1 calendar month → the end of 04-16; warned at T0 + floor(0.8 × 31d 14:59:59.999) = 04-10 16:11:59.999. */
export const DISPOSITION: DeadlineStart = { stage: 'disposition', startedAt: T0, dueAt: '2026-04-16T23:59:59.999+08:00', warnAt: '2026-04-10T16:11:59.999+08:00' };
/** reporter_notice: 15 working days → 03-17…04-03 are 14, Qingming (04-04…06) is off, the 15th is Tue 04-07; warned 04-03 11:23:59.999. */
export const REPORTER_NOTICE: DeadlineStart = { stage: 'reporter_notice', startedAt: T0, dueAt: '2026-04-07T23:59:59.999+08:00', warnAt: '2026-04-03T11:23:59.999+08:00' };
/** inquiry_reply from T1: 15 working days → Wed 04-08; warned at T1 + floor(0.8 × 22d 13:59:59.999) = 04-04 11:35:59.999. */
export const INQUIRY_REPLY: DeadlineStart = { stage: 'inquiry_reply', startedAt: T1, dueAt: '2026-04-08T23:59:59.999+08:00', warnAt: '2026-04-04T11:35:59.999+08:00' };
/** verification from T1: 3 calendar months → the end of 06-17; warned at T1 + floor(0.8 × 92d 13:59:59.999) = 05-30 11:35:59.999. */
export const VERIFICATION: DeadlineStart = { stage: 'verification', startedAt: T1, dueAt: '2026-06-17T23:59:59.999+08:00', warnAt: '2026-05-30T11:35:59.999+08:00' };

export const subjects: ClueSubject[] = [
  { name: '王某某', unitId: 'U-BM-ZJ', rank: 'section', partyMember: true },
  { name: '李某', unitId: 'U-JD-01', rank: 'general', partyMember: false },
];
export const allegations = '违规发放津补贴，涉嫌违反廉洁纪律。';
export const sealedReporter = (realName: boolean): StoredReporter => ({ sealed: { pii: 1, subject: `clue-${ID}-reporter`, iv: 'iv', tag: 'tag', data: 'ciphertext' }, realName });

export const registerCommand: RegisterClue = {
  type: 'RegisterClue',
  id: ID,
  source: 'audit',
  sourceRef: null,
  reporter: null,
  subjects,
  allegations,
  category: 'integrity',
  receivedAt: new Date(T0),
};

/** An anonymous clue. */
export const registered = at<ClueEvent>(
  { type: 'ClueRegistered', data: { id: ID, source: 'audit', sourceRef: null, reporter: null, subjects, allegations, category: 'integrity', deadlines: [DISPOSITION] } },
  T0,
);
/** A real-name reporter's clue: the reporter_notice limit runs too. */
export const registeredRealName = at<ClueEvent>(
  { type: 'ClueRegistered', data: { id: ID, source: 'audit', sourceRef: null, reporter: sealedReporter(true), subjects, allegations, category: 'integrity', deadlines: [DISPOSITION, REPORTER_NOTICE] } },
  T0,
);
/** A reporter who did not give their real name: sealed, but no reporter_notice. */
export const registeredNotRealName = at<ClueEvent>(
  { type: 'ClueRegistered', data: { id: ID, source: 'audit', sourceRef: null, reporter: sealedReporter(false), subjects, allegations, category: 'integrity', deadlines: [DISPOSITION] } },
  T0,
);

const disposed = (method: DispositionMethod, deadlines: DeadlineStart[]) =>
  at<ClueEvent>({ type: 'ClueDisposed', data: { id: ID, method, rationale: '经集体研究', approvedBy: '周书记', deadlines } }, T1);
export const inquiry = disposed('talk_inquiry', [INQUIRY_REPLY]);
export const verifying = disposed('preliminary_verification', [VERIFICATION]);
export const held = disposed('hold', []);
export const closed = disposed('close', []);

export const inquiryAnswered = at<ClueEvent>({ type: 'InquiryAnswered', data: { id: ID, explanation: '津补贴系按文件发放，已提交说明材料。' } }, '2026-03-30T10:00:00.000+08:00');
export const found = (finding: Finding) => at<ClueEvent>({ type: 'VerificationReported', data: { id: ID, finding, report: '初核报告' } }, '2026-04-20T10:00:00.000+08:00');
export const caseFiled = at<ClueEvent>({ type: 'CaseFiled', data: { id: ID, summary: '违规发放津补贴案' } }, '2026-04-21T10:00:00.000+08:00');
export const concluded = at<ClueEvent>({ type: 'ClueConcluded', data: { id: ID, outcome: '予以了结', summary: '问题不属实' } }, '2026-04-22T10:00:00.000+08:00');
export const reporterNotified = at<ClueEvent>({ type: 'ReporterNotified', data: { id: ID, channel: 'phone', note: '已电话告知受理' } }, '2026-03-18T10:00:00.000+08:00');
export const reporterForgotten = at<ClueEvent>({ type: 'ReporterForgotten', data: { id: ID } }, '2026-03-19T10:00:00.000+08:00');
