import { closeStage, moveStage, startDeadlines } from '@qf/kernel';
import type { Deadline as GenericDeadline, DeadlineStart as GenericDeadlineStart, Recorded, SealedPii } from '@qf/kernel';
import type { PetitionReferred } from '@qf/contracts';

/**
 * 信访件 — a petition (SPEC §3.2): registered by the petitions bureau (信访局), assigned to a unit, accepted or not
 * (不予受理), answered (信访处理意见书), and possibly reviewed (复查) and rechecked (复核).
 */
export const PETITION_CHANNELS = ['letter', 'visit', 'online', 'phone'] as const;
export type PetitionChannel = (typeof PETITION_CHANNELS)[number];
/** 转送 forward (the unit handles it under its own authority) / 交办 assign (handled and reported back). */
export const ASSIGN_MODES = ['forward', 'assign'] as const;
export type AssignMode = (typeof ASSIGN_MODES)[number];
/** 支持 / 解释说明 / 不予支持 — the three outcomes of 信访工作条例 Art 32. */
export const REPLY_RESULTS = ['supported', 'explained', 'not_supported'] as const;
export type ReplyResult = (typeof REPLY_RESULTS)[number];
/** 维持 upheld / 变更 changed. */
export const DECISION_RESULTS = ['upheld', 'changed'] as const;
export type DecisionResult = (typeof DECISION_RESULTS)[number];

export const PETITION_STATUSES = ['registered', 'assigned', 'accepted', 'not_accepted', 'replied', 'under_review', 'reviewed', 'under_recheck', 'closed'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** assign 转送交办, accept 告知受理, handle 办理, review 复查, recheck 复核. */
export type PetitionStage = 'assign' | 'accept' | 'handle' | 'review' | 'recheck';
export type Deadline = GenericDeadline<PetitionStage>;
export type DeadlineStart = GenericDeadlineStart<PetitionStage>;

/** The petitioner (信访人). Personal data: sealed in events; shown in full only to the bureau and the handling unit. */
export interface Petitioner {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

/** The petitioner as events carry it: sealed under their own key, plus a keyed digest of the id number for 重复信访. */
export interface StoredPetitioner {
  sealed: SealedPii;
  idDigest: string | null;
}

export type PetitionRegistered = {
  type: 'PetitionRegistered';
  data: {
    id: string;
    channel: PetitionChannel;
    petitioner: StoredPetitioner;
    anonymous: boolean;
    subject: string;
    content: string;
    category: string;
    /** 重复信访: the earlier petition of the same person and category within 365 days. */
    repeatOf: string | null;
    deadlines: DeadlineStart[];
  };
};
export type PetitionAssigned = { type: 'PetitionAssigned'; data: { id: string; unitId: string; mode: AssignMode; deadlines: DeadlineStart[] } };
export type PetitionAccepted = { type: 'PetitionAccepted'; data: { id: string; unitId: string; deadlines: DeadlineStart[] } };
export type PetitionRejected = { type: 'PetitionRejected'; data: { id: string; unitId: string; reason: string } };
export type PetitionExtended = { type: 'PetitionExtended'; data: { id: string; unitId: string; days: number; reason: string; handleDueAt: string; handleWarnAt: string } };
export type PetitionReplied = { type: 'PetitionReplied'; data: { id: string; unitId: string; result: ReplyResult; opinion: string } };
export type ReviewRequested = { type: 'ReviewRequested'; data: { id: string; reason: string; deadlines: DeadlineStart[] } };
export type ReviewDecided = { type: 'ReviewDecided'; data: { id: string; reviewerUnitId: string; result: DecisionResult; opinion: string } };
export type RecheckRequested = { type: 'RecheckRequested'; data: { id: string; reason: string; deadlines: DeadlineStart[] } };
export type RecheckDecided = { type: 'RecheckDecided'; data: { id: string; reviewerUnitId: string; result: DecisionResult; opinion: string } };
/** 办结 (化解) — the bureau closes the case after the answer or the review. */
export type PetitionClosed = { type: 'PetitionClosed'; data: { id: string; by: 'bureau' | 'recheck' } };
/** 包案 — a named leader takes charge of a backlog case. */
export type PetitionLed = { type: 'PetitionLed'; data: { id: string; leaderName: string; supervisorUnitId: string } };

/** 移送纪检监察 — referred to the discipline unit as problem clue `clueId` (a published event). */
export type { PetitionReferred } from '@qf/contracts';

export type PetitionEvent =
  | PetitionReferred
  | PetitionRegistered
  | PetitionAssigned
  | PetitionAccepted
  | PetitionRejected
  | PetitionExtended
  | PetitionReplied
  | ReviewRequested
  | ReviewDecided
  | RecheckRequested
  | RecheckDecided
  | PetitionClosed
  | PetitionLed;

export interface Petition {
  exists: boolean;
  id: string;
  status: PetitionStatus;
  channel: PetitionChannel;
  petitioner: StoredPetitioner | null;
  anonymous: boolean;
  subject: string;
  content: string;
  category: string;
  repeatOf: string | null;
  receivedAt: string;
  /** The unit handling it (承办单位); null until assigned. */
  unitId: string | null;
  assignMode: AssignMode | null;
  deadlines: Deadline[];
  extension: { days: number; reason: string } | null;
  reply: { result: ReplyResult; opinion: string; repliedAt: string } | null;
  rejection: { reason: string; rejectedAt: string } | null;
  review: { reason: string; requestedAt: string; result: DecisionResult | null; opinion: string | null; decidedAt: string | null } | null;
  recheck: { reason: string; requestedAt: string; result: DecisionResult | null; opinion: string | null; decidedAt: string | null } | null;
  ledBy: string | null;
  closedAt: string | null;
  referredClues: string[];
}

export const initialPetition = (): Petition => ({
  exists: false,
  id: '',
  status: 'registered',
  channel: 'letter',
  petitioner: null,
  anonymous: false,
  subject: '',
  content: '',
  category: '',
  repeatOf: null,
  receivedAt: '',
  unitId: null,
  assignMode: null,
  deadlines: [],
  extension: null,
  reply: null,
  rejection: null,
  review: null,
  recheck: null,
  ledBy: null,
  closedAt: null,
  referredClues: [],
});

export const PETITION_STREAM_PREFIX = 'petition-';
export const petitionStream = (id: string) => `${PETITION_STREAM_PREFIX}${id}`;

export function evolvePetition(state: Petition, event: Recorded<PetitionEvent>): Petition {
  const at = event.occurredAt;
  switch (event.type) {
    case 'PetitionRegistered': {
      const { deadlines, ...data } = event.data;
      return { ...initialPetition(), ...data, exists: true, status: 'registered', receivedAt: at, deadlines: startDeadlines([], deadlines, 1) };
    }
    case 'PetitionAssigned':
      return {
        ...state,
        status: 'assigned',
        unitId: event.data.unitId,
        assignMode: event.data.mode,
        deadlines: startDeadlines(closeStage(state.deadlines, 'assign', 'met', at), event.data.deadlines, 1),
      };
    case 'PetitionAccepted':
      return { ...state, status: 'accepted', deadlines: startDeadlines(closeStage(state.deadlines, 'accept', 'met', at), event.data.deadlines, 1) };
    case 'PetitionRejected':
      return { ...state, status: 'not_accepted', rejection: { reason: event.data.reason, rejectedAt: at }, deadlines: closeStage(state.deadlines, 'accept', 'met', at) };
    case 'PetitionExtended':
      return {
        ...state,
        extension: { days: event.data.days, reason: event.data.reason },
        deadlines: moveStage(state.deadlines, 'handle', event.data.handleDueAt, event.data.handleWarnAt),
      };
    case 'PetitionReplied':
      return {
        ...state,
        status: 'replied',
        reply: { result: event.data.result, opinion: event.data.opinion, repliedAt: at },
        deadlines: closeStage(state.deadlines, 'handle', 'met', at),
      };
    case 'ReviewRequested':
      return {
        ...state,
        status: 'under_review',
        review: { reason: event.data.reason, requestedAt: at, result: null, opinion: null, decidedAt: null },
        deadlines: startDeadlines(state.deadlines, event.data.deadlines, 1),
      };
    case 'ReviewDecided':
      return {
        ...state,
        status: 'reviewed',
        review: { ...state.review!, result: event.data.result, opinion: event.data.opinion, decidedAt: at },
        deadlines: closeStage(state.deadlines, 'review', 'met', at),
      };
    case 'RecheckRequested':
      return {
        ...state,
        status: 'under_recheck',
        recheck: { reason: event.data.reason, requestedAt: at, result: null, opinion: null, decidedAt: null },
        deadlines: startDeadlines(state.deadlines, event.data.deadlines, 1),
      };
    case 'RecheckDecided':
      return {
        ...state,
        recheck: { ...state.recheck!, result: event.data.result, opinion: event.data.opinion, decidedAt: at },
        deadlines: closeStage(state.deadlines, 'recheck', 'met', at),
      };
    case 'PetitionClosed':
      return { ...state, status: 'closed', closedAt: at };
    case 'PetitionReferred':
      return { ...state, referredClues: [...state.referredClues, event.data.clueId] };
    case 'PetitionLed':
      return { ...state, ledBy: event.data.leaderName };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export const petitionAggregate = { initialState: initialPetition, evolve: evolvePetition };
