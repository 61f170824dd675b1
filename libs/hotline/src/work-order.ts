import { closeStage, moveStage, startDeadlines } from '@qf/kernel';
import type { OrderReferred } from '@qf/contracts';
import type { Deadline as GenericDeadline, DeadlineStart as GenericDeadlineStart, Recorded, SealedPii } from '@qf/kernel';

/**
 * 12345 work order (工单) — the aggregate of SPEC §3.1: the hotline centre dispatches a citizen's request to a
 * department or street (承办单位), which signs, replies, and may return it or ask for more time.
 */
export const CHANNELS = ['phone', 'web', 'app', 'wechat', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const URGENCIES = ['urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];
/** 办结反馈 outcomes: resolved 已解决, explained 已解释说明, unresolvable 无法解决. */
export const OUTCOMES = ['resolved', 'explained', 'unresolvable'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** 回访满意度: satisfied 满意, basically_satisfied 基本满意, unsatisfied 不满意. */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** dispatched 已派单, signed 已签收, returned 已退单, replied 已办结反馈, reopened 重办, closed 已办结. */
export const ORDER_STATUSES = ['dispatched', 'signed', 'returned', 'replied', 'reopened', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** sign 签收时限, reply 办理时限. */
export type HotlineStage = 'sign' | 'reply';

export type Deadline = GenericDeadline<HotlineStage>;
export type DeadlineStart = GenericDeadlineStart<HotlineStage>;

/**
 * The caller (来电人). Personal data: shown in full only to the hotline centre and the handling unit (SPEC §8). The
 * create body takes the address beside the caller (§3.1), but §8 counts a caller's address as their identity, so it is
 * sealed with the caller and shown as the caller is (decision 91).
 */
export interface Caller {
  name?: string;
  phone?: string;
  address?: string;
}

/**
 * The caller as events carry it: sealed under the caller's own data key, plus a keyed digest so a retried create can
 * be recognised without decrypting. No plaintext reaches the event store.
 */
export interface StoredCaller {
  sealed: SealedPii;
  digest: string;
}


export type OrderDispatched = {
  type: 'OrderDispatched';
  data: {
    orderNo: string;
    channel: Channel;
    category: string;
    urgency: Urgency;
    content: string;
    caller: StoredCaller | null;
    /** Plain text only in events recorded before decision 91; since then null, the address sealed in `caller`. */
    address: string | null;
    unitId: string;
    deadlines: DeadlineStart[];
  };
};
/** 签收 — the unit acknowledges the order. */
export type OrderSigned = { type: 'OrderSigned'; data: { orderNo: string; unitId: string } };
/** 退单 — the unit says the order is not theirs to handle. */
export type OrderReturned = { type: 'OrderReturned'; data: { orderNo: string; unitId: string; reason: string } };
/** 改派 — the hotline centre sends a returned order to another unit. */
export type OrderRedispatched = { type: 'OrderRedispatched'; data: { orderNo: string; fromUnitId: string; unitId: string; deadlines: DeadlineStart[] } };
/** 延期申请. */
export type ExtensionRequested = { type: 'ExtensionRequested'; data: { orderNo: string; unitId: string; days: number; reason: string } };
/** 延期审核; when approved, the reply stage's new due time. */
export type ExtensionDecided = {
  type: 'ExtensionDecided';
  data: { orderNo: string; approved: boolean; days: number; comment: string | null; replyDueAt: string | null; replyWarnAt: string | null };
};
/** 办结反馈 — the unit's answer, sent back to the hotline centre. */
export type OrderReplied = { type: 'OrderReplied'; data: { orderNo: string; unitId: string; outcome: Outcome; reply: string } };
/** 回访 — the hotline centre asks the citizen. */
export type OrderVisited = {
  type: 'OrderVisited';
  data: { orderNo: string; unitId: string; satisfaction: Satisfaction; resolved: boolean; comment: string | null };
};
/** 办结 — closed after a satisfied or basically satisfied visit. */
export type OrderClosed = { type: 'OrderClosed'; data: { orderNo: string; unitId: string } };
/** 重办 — same unit, new time limits, after an unsatisfied visit. */
export type OrderReopened = { type: 'OrderReopened'; data: { orderNo: string; unitId: string; reason: string; deadlines: DeadlineStart[] } };

/** 移送纪检监察 — the order was referred to the discipline unit as problem clue `clueId` (a published event). */
export type { OrderReferred } from '@qf/contracts';

export type WorkOrderEvent =
  | OrderReferred
  | OrderDispatched
  | OrderSigned
  | OrderReturned
  | OrderRedispatched
  | ExtensionRequested
  | ExtensionDecided
  | OrderReplied
  | OrderVisited
  | OrderClosed
  | OrderReopened;

export interface WorkOrder {
  exists: boolean;
  orderNo: string;
  status: OrderStatus;
  channel: Channel;
  category: string;
  urgency: Urgency;
  content: string;
  caller: StoredCaller | null;
  address: string | null;
  /** The unit the order was first dispatched to (tells a retried create from another order under the same number). */
  firstUnitId: string;
  /** The unit currently responsible (承办单位); after a return it stays the returning unit until redispatch. */
  unitId: string;
  /** When the order was first dispatched (its receipt for clearance statistics). */
  receivedAt: string;
  /** The start of the current dispatch round (dispatch, redispatch or reopen). */
  lastDispatchedAt: string;
  round: number;
  deadlines: Deadline[];
  extension: { pending: { days: number; reason: string; requestedAt: string } | null; approvedDays: number };
  reply: { unitId: string; outcome: Outcome; reply: string; repliedAt: string } | null;
  lastVisit: { satisfaction: Satisfaction; resolved: boolean; comment: string | null; visitedAt: string } | null;
  returnCount: number;
  reopenCount: number;
  /** Clues registered from this order (移送). */
  referredClues: string[];
}

export const initialWorkOrder = (): WorkOrder => ({
  exists: false,
  orderNo: '',
  status: 'dispatched',
  channel: 'phone',
  category: '',
  urgency: 'normal',
  content: '',
  caller: null,
  address: null,
  firstUnitId: '',
  unitId: '',
  receivedAt: '',
  lastDispatchedAt: '',
  round: 0,
  deadlines: [],
  extension: { pending: null, approvedDays: 0 },
  reply: null,
  lastVisit: null,
  returnCount: 0,
  reopenCount: 0,
  referredClues: [],
});

export const streamOf = (orderNo: string) => `hotline-${orderNo}`;
export const STREAM_PREFIX = 'hotline-';

function startRound(state: WorkOrder, starts: DeadlineStart[], at: string): Pick<WorkOrder, 'round' | 'deadlines' | 'lastDispatchedAt'> {
  const round = state.round + 1;
  return { round, lastDispatchedAt: at, deadlines: startDeadlines(state.deadlines, starts, round) };
}

export function evolve(state: WorkOrder, event: Recorded<WorkOrderEvent>): WorkOrder {
  const at = event.occurredAt;
  switch (event.type) {
    case 'OrderDispatched': {
      const { deadlines, ...order } = event.data;
      return { ...initialWorkOrder(), ...order, exists: true, status: 'dispatched', firstUnitId: order.unitId, receivedAt: at, ...startRound(state, deadlines, at) };
    }
    case 'OrderSigned':
      return { ...state, status: 'signed', deadlines: closeStage(state.deadlines, 'sign', 'met', at) };
    case 'OrderReturned': {
      // A return answers the sign stage (SPEC §4) and ends this round's reply stage.
      const deadlines = closeStage(closeStage(state.deadlines, 'sign', 'met', at), 'reply', 'cancelled', at);
      return { ...state, status: 'returned', deadlines, returnCount: state.returnCount + 1, extension: { ...state.extension, pending: null } };
    }
    case 'OrderRedispatched':
      return { ...state, status: 'dispatched', unitId: event.data.unitId, ...startRound(state, event.data.deadlines, at) };
    case 'ExtensionRequested':
      return { ...state, extension: { ...state.extension, pending: { days: event.data.days, reason: event.data.reason, requestedAt: at } } };
    case 'ExtensionDecided': {
      const extension = { pending: null, approvedDays: state.extension.approvedDays + (event.data.approved ? event.data.days : 0) };
      if (!event.data.approved || !event.data.replyDueAt) return { ...state, extension };
      return { ...state, extension, deadlines: moveStage(state.deadlines, 'reply', event.data.replyDueAt, event.data.replyWarnAt ?? event.data.replyDueAt) };
    }
    case 'OrderReplied':
      return {
        ...state,
        status: 'replied',
        reply: { unitId: event.data.unitId, outcome: event.data.outcome, reply: event.data.reply, repliedAt: at },
        lastVisit: null,
        deadlines: closeStage(state.deadlines, 'reply', 'met', at),
        extension: { ...state.extension, pending: null },
      };
    case 'OrderVisited':
      return { ...state, lastVisit: { satisfaction: event.data.satisfaction, resolved: event.data.resolved, comment: event.data.comment, visitedAt: at } };
    case 'OrderClosed':
      return { ...state, status: 'closed' };
    case 'OrderReferred':
      return { ...state, referredClues: [...state.referredClues, event.data.clueId] };
    case 'OrderReopened':
      return { ...state, status: 'reopened', reopenCount: state.reopenCount + 1, ...startRound(state, event.data.deadlines, at) };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export const workOrderAggregate = { initialState: initialWorkOrder, evolve };
