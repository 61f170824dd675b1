/**
 * The integration topics of SPEC §9, versioned in their names: a breaking change of a message is a new topic
 * (`….v2`) published beside the old one until every consumer has moved.
 */
export const TOPICS = {
  /** In: the hotline centre's orders (派单, 回访, 重办, 改派), keyed by orderNo. */
  hotlineOrders: 'hotline.orders.v1',
  /** Out: what the consumer of `hotline.orders.v1` could not take, keyed as it came, with the reason in headers. */
  hotlineOrdersDlq: 'hotline.orders.v1.dlq',
  /** Out: 办结反馈 — the units' replies back to the hotline centre, keyed by orderNo. */
  hotlineReplies: 'hotline.replies.v1',
  /** Out: every rung of the escalation ladder (预警 and levels 1–3), keyed by case id. */
  escalations: 'qingfeng.escalations.v1',
  /** Out: every domain event, personal data removed, keyed by stream id. */
  events: 'qingfeng.events.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
export const OUTBOUND_TOPICS: readonly Topic[] = [TOPICS.hotlineOrdersDlq, TOPICS.hotlineReplies, TOPICS.escalations, TOPICS.events];
export const ALL_TOPICS: readonly Topic[] = [TOPICS.hotlineOrders, ...OUTBOUND_TOPICS];

/** Message headers the integration adds or reads. */
export const HEADERS = {
  /** A stable id per message: consumers deduplicate on it (the outbox position for what we publish). */
  messageId: 'x-message-id',
  /** DLQ: the SPEC §10 code of the rejection (VALIDATION_FAILED, INVALID_TRANSITION, …). */
  errorCode: 'x-error-code',
  /** DLQ: why it was rejected, without personal data. */
  errorMessage: 'x-error-message',
  /** The event a message was made from (outbound), for tracing. */
  eventId: 'x-event-id',
  /** The event type (qingfeng.events.v1). */
  eventType: 'x-event-type',
} as const;
