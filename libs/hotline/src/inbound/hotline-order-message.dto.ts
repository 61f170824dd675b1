import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsISO8601, IsObject, IsOptional, Matches, ValidateIf, IsString } from 'class-validator';
import { HOTLINE_ORDER_MESSAGE_TYPES, type HotlineOrderMessageType } from '@qf/contracts';
import { ORDER_NO_PATTERN } from '../create-order/create-order';

/** `hotline.orders.v1` message value (SPEC §9): the envelope of one of the hotline centre's commands. */
export class HotlineOrderMessageDto {
  @IsIn(HOTLINE_ORDER_MESSAGE_TYPES as unknown as string[])
  type!: HotlineOrderMessageType;

  @Matches(ORDER_NO_PATTERN, { message: 'orderNo must be 1–40 letters, digits or -' })
  orderNo!: string;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @IsObject()
  payload!: Record<string, unknown>;
}

/**
 * `POST /api/inbound/hotline.orders.v1`: one message exactly as it would arrive on the topic. Only this envelope is
 * checked here (400 when it is not `{key, value, headers?}`); the value is the consumer's to judge.
 */
export class InboundMessageDto {
  @ApiProperty({ description: '消息键 — the orderNo', example: 'RX20260316-0001', nullable: true, type: String })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  key!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '消息体 — `{type: order.dispatched|order.visited|order.reopened|order.redispatched, orderNo, occurredAt, payload}`',
    example: { type: 'order.dispatched', orderNo: 'RX20260316-0001', occurredAt: '2026-03-16T09:00:00+08:00', payload: { channel: 'phone', category: '城市管理', urgency: 'normal', content: '夜间占道经营噪音扰民', unitId: 'U-JD-01' } },
  })
  @IsDefined()
  value!: unknown;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: '消息头 — string values (a message with any other is dead-lettered); `x-message-id` identifies the message for deduplication', example: { 'x-message-id': 'rx-0001-dispatch' } })
  @IsOptional()
  @IsObject()
  headers?: Record<string, string>;
}
