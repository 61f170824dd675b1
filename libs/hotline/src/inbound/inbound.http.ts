import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, CommandRequest, Roles } from '@qf/platform';
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
  @HttpCode(200)
  @Roles('hotline_operator', 'admin')
  @ApiOperation({ summary: '推送工单消息 — one hotline.orders.v1 message, handed to the same consumer as the Kafka topic: applied, duplicate or dead-lettered' })
  consume(@Body() body: InboundMessageDto, @Req() req: CommandRequest) {
    return this.consumer.consume({ key: body.key, value: body.value, headers: body.headers ?? {} }, req.correlationId);
  }
}
