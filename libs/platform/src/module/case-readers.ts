import { Controller, Get, Injectable, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../http/openapi';
import { IsISO8601, IsOptional } from 'class-validator';
import type { RecordedEvent } from '@qf/event-store';
import type { Actor } from '@qf/kernel';
import { CurrentActor } from '../auth/auth.guard';
import { DomainError } from '@qf/kernel';

/** A point in history to fold a case at (SPEC §3): business time `asOf`, optionally as known at `knownAt`. */
export class AsOfQuery {
  @ApiPropertyOptional({ description: '截至业务时间 — fold only events that occurred at or before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({ description: '截至记录时间 — and only events recorded at or before this time (a stable answer)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  knownAt?: string;
}

/** One entry of a case's event timeline (SPEC §3); `data` is the event's data after the caller's masking. */
export function timelineEntry(e: RecordedEvent, data: unknown) {
  return {
    id: e.id,
    revision: e.revision,
    type: e.type,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    actor: e.metadata.actor,
    correlationId: e.metadata.correlationId,
    causationId: e.metadata.causationId,
    data,
  };
}

/** What each case context offers to the generic /api/cases/:kind/:id endpoints. */
export interface CaseReader {
  kind: string;
  detail(id: string, actor: Actor, at: AsOfQuery): Promise<unknown>;
  events(id: string, actor: Actor): Promise<unknown>;
}

/** Contexts register their reader in onModuleInit; the platform does not import them. */
@Injectable()
export class CaseReaders {
  private readonly readers = new Map<string, CaseReader>();

  register(reader: CaseReader): void {
    this.readers.set(reader.kind, reader);
  }

  get(kind: string): CaseReader {
    const reader = this.readers.get(kind);
    if (!reader) throw new DomainError('NOT_FOUND', `no case kind ${kind}`);
    return reader;
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CasesController {
  constructor(private readonly readers: CaseReaders) {}

  @Get(':kind/:id')
  @ApiOperation({ summary: '案件详情 — a case of any kind (hotline, petition, clue); ?asOf= folds it at a past moment' })
  detail(@Param('kind') kind: string, @Param('id') id: string, @Query() at: AsOfQuery, @CurrentActor() actor: Actor) {
    return this.readers.get(kind).detail(id, actor, at);
  }

  @Get(':kind/:id/events')
  @ApiAnswer('Timeline')
  @ApiOperation({ summary: '事件时间线 — the event timeline of a case (personal data masked)' })
  events(@Param('kind') kind: string, @Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.readers.get(kind).events(id, actor);
  }
}
