import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventStore } from '@qf/event-store';
import { HEADERS, INBOUND_STREAM_PREFIX, TOPICS, type BusMessage, type InboundEvent, type InboundMessageSeen } from '@qf/contracts';
import { Actor, CLOCK, Clock, CommandContext, DomainError, EVENT_STORE, Metrics, bodyShapeProblem, canonicalJson, echoableField, formatShanghai, validateInput } from '@qf/platform';
import { redactHeader, redactPersonalData } from '@qf/integration';
import { WorkOrdersService } from '../work-orders.service';
import { CreateOrderDto } from '../create-order/create-order.dto';
import { VisitOrderDto } from '../visit-order/visit-order.dto';
import { ReopenOrderDto } from '../reopen-order/reopen-order.dto';
import { RedispatchOrderDto } from '../redispatch-order/redispatch-order.dto';
import { HotlineOrderMessageDto } from './hotline-order-message.dto';

export type InboundOutcome = { outcome: 'applied' | 'duplicate' | 'dead-lettered'; code?: string; message?: string };

const TOPIC = TOPICS.hotlineOrders;
/** Who acts when the hotline centre's platform pushes a command: the centre itself, as its operators do over HTTP. */
const HOTLINE_CENTRE: Actor = { sub: 'hotline-centre', name: '12345热线平台', roles: ['hotline_operator'], unitId: null };
const CONFLICT_RETRIES = 3;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The create command's `dispatchedAt` is the message's `value.occurredAt`: an error about it names the field the sender
 * sent, not one it did not.
 */
function asOccurredAt(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const rename = (text: string) => text.replace(/value\.payload\.dispatchedAt/g, 'value.occurredAt').replace(/\bdispatchedAt\b/g, 'occurredAt');
  return new DomainError(error.code, rename(error.message), error.details?.map((d) => ({ field: rename(d.field), message: rename(d.message) })));
}
const scrub = (text: string) => String(redactPersonalData(text));

/**
 * The one consumer of `hotline.orders.v1` (SPEC §9), behind both transports (the Kafka group and the HTTP push):
 * the same validation and rules as the HTTP commands; a redelivered message is a no-op (`duplicate`); a message it
 * cannot take is dead-lettered with its code and reason and the consumer moves on. Each message's outcome is an
 * event in a stream of its own (`inbound-hotline.orders.v1-<digest>`), which is what makes "consumed before" hold
 * across processes and restarts; its command runs under a command id derived from the message, so a crash between
 * the command and the outcome re-runs it as a retry that appends nothing.
 */
@Injectable()
export class HotlineOrdersConsumer {
  private readonly logger = new Logger('hotline.orders.v1');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly orders: WorkOrdersService,
    private readonly metrics: Metrics,
  ) {}

  async consume(message: BusMessage, correlationId?: string): Promise<InboundOutcome> {
    const headers: Record<string, unknown> = message.headers ?? {};
    const contentId = `sha256:${sha256(canonicalJson({ key: message.key, value: message.value }))}`;
    // An id that is not a string identifies nothing (two such messages are not the same one): the content does.
    const givenId = headers[HEADERS.messageId];
    const messageId = typeof givenId === 'string' && givenId ? givenId : contentId;
    const digest = sha256(`${TOPIC}\u0000${messageId}`);
    const streamId = `${INBOUND_STREAM_PREFIX}${TOPIC}-${digest}`;
    // Without an id, the stream of its key and value: there an earlier message with an id left its mark too.
    if ((await this.store.readStream(streamId)).length > 0) return this.counted({ outcome: 'duplicate' });

    const now = this.clock.now();
    const ctx: CommandContext = { actor: HOTLINE_CENTRE, now, commandId: `inbound:${digest}`, correlationId: correlationId ?? messageId.slice(0, 100), causationId: null };
    let outcome: InboundOutcome;
    let event: InboundEvent;
    try {
      const badHeaders = Object.entries(headers).filter(([, v]) => typeof v !== 'string');
      if (badHeaders.length) throw new DomainError('VALIDATION_FAILED', 'the message is not valid', badHeaders.map(([k]) => ({ field: `headers.${echoableField(k)}`, message: 'a header value must be a string' })));
      // Keys and depths a command body may not have are dead-lettered here, not refused (SPEC §9).
      const shape = bodyShapeProblem(message.value, 'value');
      if (shape) throw new DomainError('VALIDATION_FAILED', 'the message is not valid', [shape]);
      const { orderNo, type } = await this.apply(message, ctx);
      outcome = { outcome: 'applied' };
      event = { type: 'InboundMessageApplied', data: { topic: TOPIC, key: message.key, messageType: type, caseId: orderNo } };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'CONCURRENCY_CONFLICT') throw error; // not the message's fault: redeliver
      const reason = scrub([error.message, ...(error.details ?? []).map((d) => `${d.field}: ${d.message}`)].join('; ')).slice(0, 1000);
      outcome = { outcome: 'dead-lettered', code: error.code, message: reason };
      event = {
        type: 'InboundMessageDeadLettered',
        data: {
          topic: TOPIC,
          dlqTopic: TOPICS.hotlineOrdersDlq,
          key: message.key,
          value: redactPersonalData(message.value),
          headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redactHeader(v)])),
          code: error.code,
          message: reason,
        },
      };
      this.logger.warn(`dead-lettered a message keyed ${message.key ?? '(none)'}: ${error.code}`);
    }
    const metadata = { occurredAt: formatShanghai(now), recordedAt: formatShanghai(now), actor: { sub: HOTLINE_CENTRE.sub, unitId: null, roles: HOTLINE_CENTRE.roles }, correlationId: ctx.correlationId, causationId: null };
    try {
      // An id of its own: when two consumers race with one message, the second append finds the stream and fails.
      await this.store.append(streamId, [{ id: randomUUID(), type: event.type, data: event.data, metadata }], 'no_stream');
    } catch (error) {
      // Another consumer took the same message meanwhile: it is that one's, this one is the duplicate.
      if (error instanceof WrongExpectedRevisionError) return this.counted({ outcome: 'duplicate' });
      throw error;
    }
    this.metrics.eventsAppended.inc({ type: event.type });
    if (messageId !== contentId) {
      const seen: InboundMessageSeen = { type: 'InboundMessageSeen', data: { topic: TOPIC, key: message.key, messageDigest: digest } };
      await this.store.append(`${INBOUND_STREAM_PREFIX}${TOPIC}-${sha256(`${TOPIC}\u0000${contentId}`)}`, [{ id: randomUUID(), ...seen, metadata }], 'any');
    }
    return this.counted(outcome);
  }

  private counted(outcome: InboundOutcome): InboundOutcome {
    this.metrics.inboundMessages.inc({ topic: TOPIC, outcome: outcome.outcome });
    return outcome;
  }

  /** Validates the message as the HTTP command would be validated, and runs that command. */
  private async apply(message: BusMessage, ctx: CommandContext): Promise<{ orderNo: string; type: string }> {
    const m = await validateInput(HotlineOrderMessageDto, message.value, 'value');
    if (message.key !== m.orderNo) {
      throw new DomainError('VALIDATION_FAILED', 'the message key must be its orderNo', [{ field: 'key', message: 'must equal value.orderNo' }]);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.run(m, ctx);
        return { orderNo: m.orderNo, type: m.type };
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'CONCURRENCY_CONFLICT') || attempt >= CONFLICT_RETRIES) throw error;
      }
    }
  }

  private async run(m: HotlineOrderMessageDto, ctx: CommandContext): Promise<void> {
    switch (m.type) {
      case 'order.dispatched': {
        const given = ['orderNo', 'dispatchedAt'].filter((f) => f in m.payload);
        if (given.length) {
          throw new DomainError('VALIDATION_FAILED', 'the message is not valid', given.map((f) => ({ field: `value.payload.${f}`, message: `${f} comes from the message (${f === 'orderNo' ? 'value.orderNo' : 'value.occurredAt'}), not the payload` })));
        }
        try {
          const body = await validateInput(CreateOrderDto, { ...m.payload, orderNo: m.orderNo, dispatchedAt: m.occurredAt }, 'value.payload');
          await this.orders.create(body, ctx);
        } catch (error) {
          throw asOccurredAt(error);
        }
        return;
      }
      case 'order.visited': {
        const body = await validateInput(VisitOrderDto, m.payload, 'value.payload');
        await this.orders.run(m.orderNo, ctx, { ...body, type: 'VisitOrder' });
        return;
      }
      case 'order.reopened': {
        const body = await validateInput(ReopenOrderDto, m.payload, 'value.payload');
        await this.orders.run(m.orderNo, ctx, { ...body, type: 'ReopenOrder' });
        return;
      }
      case 'order.redispatched': {
        const body = await validateInput(RedispatchOrderDto, m.payload, 'value.payload');
        this.orders.assertDispatchTarget(body.unitId);
        await this.orders.run(m.orderNo, ctx, { ...body, type: 'RedispatchOrder' });
        return;
      }
      default: {
        const _exhaustive: never = m.type;
        throw new DomainError('VALIDATION_FAILED', `unknown message type ${String(_exhaustive)}`);
      }
    }
  }
}
