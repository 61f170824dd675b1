import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { OUTBOUND_TOPICS } from '@qf/contracts';
import { ApiAnswer, READ_MODEL_DB, ReadsFrom, Roles } from '@qf/platform';
import type { ReadModelDb } from '@qf/projections';
import { readOutbox } from './outbox';

export class OutboxQuery {
  @ApiPropertyOptional({ enum: OUTBOUND_TOPICS, description: '主题 — only this topic' })
  @IsOptional()
  @IsIn(OUTBOUND_TOPICS as unknown as string[])
  topic?: string;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'the `next` of the previous page (exclusive position)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** 发件箱 — what the embedded default publishes (SPEC §9), for the hotline centre to pull in publishing order. */
@ApiTags('integration 集成')
@ApiBearerAuth()
@ReadsFrom('integration-outbox')
@Controller('api/outbox')
export class OutboxController {
  constructor(@Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb) {}

  @Get()
  @ApiAnswer('OutboxPage')
  @Roles('hotline_operator', 'admin')
  @ApiOperation({ summary: '发件箱 — outbound messages after a position: replies, escalations, domain events, the DLQ' })
  async list(@Query() q: OutboxQuery) {
    const items = await readOutbox(this.readModels.db, { topic: q.topic, after: q.after ?? 0, limit: q.limit ?? 100 });
    return { items, next: items.length ? items[items.length - 1].position : (q.after ?? 0) };
  }
}
