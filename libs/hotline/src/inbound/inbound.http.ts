import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, CommandRequest, Roles, validateInput } from '@qf/platform';
import { HotlineOrdersConsumer } from './hotline-orders.consumer';
import { InboundMessageDto } from './hotline-order-message.dto';

/** 工单推送 — the hotline centre's push over HTTP, for the embedded default and centres that cannot reach Kafka (SPEC §9). */
@ApiTags('integration 集成')
@ApiBearerAuth()
@Controller('api/inbound')
export class InboundController {
  constructor(private readonly consumer: HotlineOrdersConsumer) {}

  @Post('hotline.orders.v1')
  @ApiAnswer('InboundOutcome')
  @ApiBody({ type: InboundMessageDto })
  @HttpCode(200)
  @Roles('hotline_operator', 'admin')
  @ApiOperation({ summary: '推送工单消息 — one hotline.orders.v1 message, handed to the same consumer as the Kafka topic: applied, duplicate or dead-lettered' })
  async consume(@Body() body: unknown, @Req() req: CommandRequest) {
    // Only the envelope is checked here (400 unless {key, value, headers?}). The value goes to the consumer exactly as
    // it came: class-transformer would rewrite it (it drops keys such as `constructor`), and what a message holds is
    // the consumer's to judge — dead-lettered, not refused (SPEC §9).
    const envelope = (body ?? {}) as { key?: unknown; value?: unknown; headers?: unknown };
    const checked = await validateInput(InboundMessageDto, { ...envelope, value: envelope.value === undefined || envelope.value === null ? envelope.value : true }, '', 'the request is not valid');
    return this.consumer.consume({ key: checked.key, value: envelope.value, headers: (envelope.headers ?? {}) as Record<string, string> }, req.correlationId);
  }
}
