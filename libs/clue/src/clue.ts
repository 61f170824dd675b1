import { closeStage, startDeadlines } from '@qf/kernel';
import type { Deadline as GenericDeadline, DeadlineStart as GenericDeadlineStart, Recorded, SealedPii } from '@qf/kernel';
import type { AccountabilityClueRegistered, ClueSubjectFact } from '@qf/contracts';

/**
 * 问题线索 — a problem clue (SPEC §3.3), handled by discipline inspectors (纪检监察干部): disposed of collectively
 * (处置), answered by inquiry (谈话函询) or verified (初步核实), and possibly filed as a case (立案).
 */
export const CLUE_SOURCES = ['petition', 'hotline', 'inspection_tour', 'audit', 'supervision', 'judicial_transfer', 'self_report', 'other'] as const;
export type ClueSource = (typeof CLUE_SOURCES)[number];
export const CLUE_CATEGORIES = ['political', 'organizational', 'integrity', 'mass', 'work', 'life'] as const;
export type ClueCategory = (typeof CLUE_CATEGORIES)[number];
export { SUBJECT_RANKS as RANKS, type SubjectRank as Rank } from '@qf/contracts';
/** 谈话函询 / 初步核实 / 暂存待查 / 予以了结. */
export const DISPOSITION_METHODS = ['talk_inquiry', 'preliminary_verification', 'hold', 'close'] as const;
export type DispositionMethod = (typeof DISPOSITION_METHODS)[number];
/** 属实 / 部分属实 / 不属实 / 无法证实. */
export const FINDINGS = ['substantiated', 'partially_substantiated', 'unsubstantiated', 'unverifiable'] as const;
export type Finding = (typeof FINDINGS)[number];

export const CLUE_STATUSES = ['registered', 'inquiry', 'verifying', 'held', 'case_filed', 'concluded'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

/** disposition 处置意见, reporter_notice 实名举报受理告知, inquiry_reply 函询回复, verification 初核. */
export type ClueStage = 'disposition' | 'reporter_notice' | 'inquiry_reply' | 'verification';
export type Deadline = GenericDeadline<ClueStage>;
export type DeadlineStart = GenericDeadlineStart<ClueStage>;

/** A person the clue is about (被反映人). */
export type ClueSubject = ClueSubjectFact;

/** 检举人 — the reporter. The most protected data of the product: sealed, shown unmasked only to case managers. */
export interface Reporter {
  name: string;
  phone?: string;
  idNumber?: string;
  realName: boolean;
}

export interface StoredReporter {
  sealed: SealedPii;
  /** Whether the reporter gave their real name (实名举报): kept in clear, it decides the reporter_notice limit. */
  realName: boolean;
}

/** 线索登记 — the clue is registered; its `disposition` limit (and a real-name reporter's `reporter_notice`) starts. */
export type ClueRegistered = {
  type: 'ClueRegistered';
  data: {
    id: string;
    source: ClueSource;
    sourceRef: string | null;
    reporter: StoredReporter | null;
    subjects: ClueSubject[];
    allegations: string;
    category: ClueCategory;
    deadlines: DeadlineStart[];
  };
};
/** 处置 — decided collectively; starts the `inquiry_reply` or `verification` limit where the method has one. */
export type ClueDisposed = { type: 'ClueDisposed'; data: { id: string; method: DispositionMethod; rationale: string; approvedBy: string; deadlines: DeadlineStart[] } };
/** 函询回复. */
export type InquiryAnswered = { type: 'InquiryAnswered'; data: { id: string; explanation: string } };
/** 初核结论. */
export type VerificationReported = { type: 'VerificationReported'; data: { id: string; finding: Finding; report: string } };
/** 立案. */
export type CaseFiled = { type: 'CaseFiled'; data: { id: string; summary: string | null } };
/** 四种形态 — one disposition of one person (SPEC §5), counted against the subject's unit. */
export type SanctionRecorded = {
  type: 'SanctionRecorded';
  data: { id: string; subjectIndex: number; subjectUnitId: string; form: 1 | 2 | 3 | 4; measure: string; decidedAt: string; basis: string };
};
/** 澄清正名. */
export type NameCleared = { type: 'NameCleared'; data: { id: string; subjectIndex: number; scope: string } };
/** 容错免责. */
export type FaultToleranceRecorded = { type: 'FaultToleranceRecorded'; data: { id: string; subjectIndex: number; reason: string } };
/** 了结. */
export type ClueConcluded = { type: 'ClueConcluded'; data: { id: string; outcome: string; summary: string } };
/** 受理告知 — the real-name reporter is told the clue was received. */
export type ReporterNotified = { type: 'ReporterNotified'; data: { id: string; channel: string; note: string } };
/** 删除检举人身份 — the reporter's key was destroyed (crypto-shredding); their identity reads "[erased]" from now on. */
export type ReporterForgotten = { type: 'ReporterForgotten'; data: { id: string } };

export type ClueEvent =
  | ClueRegistered
  | ClueDisposed
  | InquiryAnswered
  | VerificationReported
  | CaseFiled
  | SanctionRecorded
  | NameCleared
  | FaultToleranceRecorded
  | ClueConcluded
  | ReporterNotified
  | ReporterForgotten
  | AccountabilityClueRegistered;

export interface Clue {
  exists: boolean;
  id: string;
  status: ClueStatus;
  source: ClueSource;
  sourceRef: string | null;
  reporter: StoredReporter | null;
  reporterForgotten: boolean;
  subjects: ClueSubject[];
  allegations: string;
  category: ClueCategory;
  receivedAt: string;
  deadlines: Deadline[];
  disposition: { method: DispositionMethod; rationale: string; approvedBy: string; decidedAt: string } | null;
  inquiry: { explanation: string; answeredAt: string } | null;
  verification: { finding: Finding; report: string; reportedAt: string } | null;
  caseFiled: { summary: string | null; filedAt: string } | null;
  sanctions: Array<SanctionRecorded['data'] & { recordedAt: string }>;
  clearedNames: Array<{ subjectIndex: number; scope: string; at: string }>;
  faultTolerance: Array<{ subjectIndex: number; reason: string; at: string }>;
  conclusion: { outcome: string; summary: string; concludedAt: string } | null;
  reporterNotice: { channel: string; note: string; at: string } | null;
  /** For an accountability clue (问责线索): the level-3 escalation that caused it. */
  escalationId: string | null;
}

export const initialClue = (): Clue => ({
  exists: false,
  id: '',
  status: 'registered',
  source: 'other',
  sourceRef: null,
  reporter: null,
  reporterForgotten: false,
  subjects: [],
  allegations: '',
  category: 'work',
  receivedAt: '',
  deadlines: [],
  disposition: null,
  inquiry: null,
  verification: null,
  caseFiled: null,
  sanctions: [],
  clearedNames: [],
  faultTolerance: [],
  conclusion: null,
  reporterNotice: null,
  escalationId: null,
});

export const CLUE_STREAM_PREFIX = 'clue-';
export const clueStream = (id: string) => `${CLUE_STREAM_PREFIX}${id}`;

const DISPOSED_STATUS: Record<DispositionMethod, ClueStatus> = {
  talk_inquiry: 'inquiry',
  preliminary_verification: 'verifying',
  hold: 'held',
  close: 'concluded',
};

/** 处置完毕: concluded or filed as a case (SPEC §3.3). */
export const isHandled = (clue: Pick<Clue, 'status'>) => clue.status === 'concluded' || clue.status === 'case_filed';

export function evolveClue(state: Clue, event: Recorded<ClueEvent>): Clue {
  const at = event.occurredAt;
  switch (event.type) {
    case 'ClueRegistered': {
      const { deadlines, ...data } = event.data;
      return { ...initialClue(), ...data, exists: true, receivedAt: at, deadlines: startDeadlines([], deadlines, 1) };
    }
    case 'ClueDisposed': {
      const { method, rationale, approvedBy, deadlines } = event.data;
      return {
        ...state,
        status: DISPOSED_STATUS[method],
        disposition: { method, rationale, approvedBy, decidedAt: at },
        deadlines: startDeadlines(closeStage(state.deadlines, 'disposition', 'met', at), deadlines, 1),
      };
    }
    case 'InquiryAnswered':
      return { ...state, inquiry: { explanation: event.data.explanation, answeredAt: at }, deadlines: closeStage(state.deadlines, 'inquiry_reply', 'met', at) };
    case 'VerificationReported':
      return {
        ...state,
        verification: { finding: event.data.finding, report: event.data.report, reportedAt: at },
        deadlines: closeStage(state.deadlines, 'verification', 'met', at),
      };
    case 'CaseFiled':
      return { ...state, status: 'case_filed', caseFiled: { summary: event.data.summary, filedAt: at } };
    case 'SanctionRecorded':
      return { ...state, sanctions: [...state.sanctions, { ...event.data, recordedAt: at }] };
    case 'NameCleared':
      return { ...state, clearedNames: [...state.clearedNames, { subjectIndex: event.data.subjectIndex, scope: event.data.scope, at }] };
    case 'FaultToleranceRecorded':
      return { ...state, faultTolerance: [...state.faultTolerance, { subjectIndex: event.data.subjectIndex, reason: event.data.reason, at }] };
    case 'ClueConcluded':
      return { ...state, status: 'concluded', conclusion: { outcome: event.data.outcome, summary: event.data.summary, concludedAt: at } };
    case 'ReporterNotified':
      return { ...state, reporterNotice: { channel: event.data.channel, note: event.data.note, at }, deadlines: closeStage(state.deadlines, 'reporter_notice', 'met', at) };
    case 'ReporterForgotten':
      return { ...state, reporterForgotten: true };
    case 'AccountabilityClueRegistered':
      return { ...state, escalationId: event.data.escalationId };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export const clueAggregate = { initialState: initialClue, evolve: evolveClue };
