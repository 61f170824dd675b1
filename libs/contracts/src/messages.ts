import type { Topic } from './topics';

/** A message as it travels on a topic: the key Kafka partitions by, a JSON value, and string headers. */
export interface BusMessage<V = unknown> {
  key: string | null;
  value: V;
  headers: Record<string, string>;
}

/** A message on its way out, with the topic it goes to. */
export interface OutboundMessage<V = unknown> extends BusMessage<V> {
  topic: Topic;
}

/** `hotline.orders.v1` (in): what the hotline centre pushes. `payload` has the fields of the matching HTTP command. */
export const HOTLINE_ORDER_MESSAGE_TYPES = ['order.dispatched', 'order.visited', 'order.reopened', 'order.redispatched'] as const;
export type HotlineOrderMessageType = (typeof HOTLINE_ORDER_MESSAGE_TYPES)[number];
export interface HotlineOrderMessage {
  type: HotlineOrderMessageType;
  orderNo: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** `hotline.replies.v1` (out): 办结反馈 back to the hotline centre. */
export interface HotlineReplyMessage {
  orderNo: string;
  unitId: string;
  outcome: 'resolved' | 'explained' | 'unresolvable';
  reply: string;
  repliedAt: string;
}

/** `qingfeng.escalations.v1` (out): one rung of a ladder (level 0 is the warning 预警). */
export interface EscalationMessage {
  escalationId: string;
  level: 0 | 1 | 2 | 3;
  caseKind: string;
  caseId: string;
  unitId: string;
  targetUnitId: string;
  targetRole: string;
  dueAt: string;
  escalatedAt: string;
}

/** `qingfeng.events.v1` (out): a domain event with personal data removed. */
export interface DomainEventMessage {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  correlationId: string;
  causationId: string | null;
  actor: { sub: string; unitId: string | null; roles: string[] };
  data: unknown;
}
