/**
 * Domain events that other contexts read from the event store (the published language between contexts). The
 * context that appends an event owns its shape here; readers import the type from here and never from the owner.
 */

/** Clues (问题线索) are numbered XS + date + sequence, each in the stream `clue-<id>`. */
export const CLUE_ID_PREFIX = 'XS';
export const clueStreamOf = (clueId: string) => `clue-${clueId}`;

/** 办结反馈 (hotline): read by the outbox for `hotline.replies.v1`. */
export type OrderReplied = { type: 'OrderReplied'; data: { orderNo: string; unitId: string; outcome: 'resolved' | 'explained' | 'unresolvable'; reply: string } };

/** 职级 — general 一般干部, section 科级, division 处级, bureau 局级, other. */
export const SUBJECT_RANKS = ['general', 'section', 'division', 'bureau', 'other'] as const;
export type SubjectRank = (typeof SUBJECT_RANKS)[number];

/** A person a clue is about (被反映人): an official, by name and unit. */
export interface ClueSubjectFact {
  name: string;
  unitId: string;
  rank: SubjectRank;
  partyMember: boolean;
}

/**
 * 移送纪检监察 (hotline `OrderReferred`, petition `PetitionReferred`): the source case records the referral with the
 * clue id it allocated; the clue context reacts by registering that clue (source, subjects, allegations as given).
 */
export interface ReferralData {
  clueId: string;
  reason: string;
  subjects: ClueSubjectFact[];
}
export type OrderReferred = { type: 'OrderReferred'; data: ReferralData & { orderNo: string } };
export type PetitionReferred = { type: 'PetitionReferred'; data: ReferralData & { id: string } };
export const REFERRAL_EVENT_TYPES = ['OrderReferred', 'PetitionReferred'] as const;

/**
 * A referral's reason is the clue's allegation and its subjects the officials the clue is about: the clue's contents,
 * which SPEC §8 keeps from everyone outside the discipline office — the unit that handles the source case (whose staff
 * may be the subjects), the hotline centre, supervisors, admins and every consumer of the events topic. Wherever the
 * source case's events are shown or published, a referral carries only the case and the clue id.
 */
export function withoutClueContents(type: string, data: unknown): unknown {
  if (!(REFERRAL_EVENT_TYPES as readonly string[]).includes(type) || data === null || typeof data !== 'object') return data;
  const { reason: _reason, subjects: _subjects, ...rest } = data as Partial<ReferralData>;
  return rest;
}

/** 0 = 预警 (warning), 1–3 = the levels of the supervision ladder (SPEC §4). */
export type EscalationLevel = 0 | 1 | 2 | 3;

/**
 * One rung of a deadline's ladder, appended by supervision into the stream of the case it is about, so "once per
 * deadline and level" is that stream's optimistic concurrency. Read by the clue context (level 3 registers an
 * accountability clue) and by the outbox (`qingfeng.escalations.v1`).
 */
export type DeadlineEscalated = {
  type: 'DeadlineEscalated';
  data: {
    escalationId: string;
    caseKind: string;
    caseId: string;
    stage: string;
    round: number;
    level: EscalationLevel;
    /** The due time this ladder belongs to (an extension moves the deadline and starts a new ladder). */
    dueAt: string;
    fireAt: string;
    /** U: the unit responsible for the stage. */
    unitId: string;
    targetUnitId: string;
    targetRole: string;
  };
};

/** The target acknowledged the escalation (已阅/已处理); level 1's acknowledgement names U's head. */
export type EscalationAcknowledged = {
  type: 'EscalationAcknowledged';
  data: { escalationId: string; comment: string | null; by: { sub: string; name: string | null; unitId: string | null; roles: string[] } };
};

/**
 * Level 3's accountability clue (问责线索) has been registered: appended by the clue context to the new clue's own
 * stream, in the same append as its registration; links the clue to the escalation that caused it.
 */
export type AccountabilityClueRegistered = { type: 'AccountabilityClueRegistered'; data: { escalationId: string; clueId: string } };

export type EscalationEvent = DeadlineEscalated | EscalationAcknowledged | AccountabilityClueRegistered;
export const ESCALATION_EVENT_TYPES: ReadonlySet<string> = new Set(['DeadlineEscalated', 'EscalationAcknowledged', 'AccountabilityClueRegistered']);

/**
 * The outcome of one consumed integration message, in the stream `inbound-<topic>-<message digest>`: the stream's
 * existence is what makes a redelivery a duplicate, across processes and restarts. A dead-lettered message carries
 * what goes to the DLQ — the message with its personal data removed, and why.
 */
export type InboundMessageApplied = { type: 'InboundMessageApplied'; data: { topic: string; key: string | null; messageType: string; caseId: string } };
export type InboundMessageDeadLettered = {
  type: 'InboundMessageDeadLettered';
  data: { topic: string; dlqTopic: string; key: string | null; value: unknown; headers: Record<string, string>; code: string; message: string };
};
/**
 * A message that came with its own `x-message-id` leaves this mark in the stream of its key and value too: a later
 * message without an id but with the same key and value is then a duplicate of it (SPEC §9).
 */
export type InboundMessageSeen = { type: 'InboundMessageSeen'; data: { topic: string; key: string | null; messageDigest: string } };
export type InboundEvent = InboundMessageApplied | InboundMessageDeadLettered | InboundMessageSeen;
export const INBOUND_STREAM_PREFIX = 'inbound-';
