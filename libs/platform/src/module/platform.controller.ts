import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../http/openapi';
import { IsISO8601 } from 'class-validator';
import type { Response } from 'express';
import { sql } from 'kysely';
import type { EventStore } from '@qf/event-store';
import type { ReadModelDb } from '@qf/projections';
import { Public, Roles } from '../auth/auth.guard';
import { CLOCK, EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { Clock, ManualClock } from '../time/clock';
import { formatShanghai, withShanghaiOffset } from '@qf/kernel';
import { DomainError } from '@qf/kernel';
import { Metrics } from '../observability/metrics';
import { ReadinessChecks } from './readiness';
import { ProjectionsService } from './projections.service';

export class SetClockDto {
  @ApiProperty({ description: '新的当前时间 — the new current time (ISO 8601; without an offset, Asia/Shanghai time); only forward', example: '2026-03-17T09:00:00+08:00' })
  @IsISO8601({ strict: true })
  now!: string;
}

@ApiTags('platform')
@Controller()
export class PlatformController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionsService,
    private readonly metrics: Metrics,
    private readonly readiness: ReadinessChecks,
  ) {}

  @Public()
  @Get('health/live')
  @ApiAnswer('Liveness')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('health/ready')
  @ApiAnswer('Readiness')
  @ApiAnswer('Readiness', 503, 'a dependency is down: the same body, status not_ready')
  @ApiOperation({ summary: 'Readiness: each dependency and the lag of each projection (投影延迟)' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const checks: Record<string, { status: 'up' | 'down'; detail?: unknown }> = {};
    try {
      checks.eventStore = { status: 'up', detail: { kind: this.store.kind, head: String((await this.store.headPosition()) ?? 'empty') } };
    } catch {
      checks.eventStore = { status: 'down' };
    }
    try {
      await sql`select 1`.execute(this.readModels.db);
      checks.readModels = { status: 'up', detail: { dialect: this.readModels.dialect } };
    } catch {
      checks.readModels = { status: 'down' };
    }
    Object.assign(checks, await this.readiness.run());
    const projections = (await this.projections.status()).map((p) => ({
      name: p.name,
      position: p.position === null ? null : String(p.position),
      lag: p.lag,
    }));
    const ok = Object.values(checks).every((c) => c.status === 'up');
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'not_ready', checks, projections, now: formatShanghai(this.clock.now()) };
  }

  @Public()
  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics' })
  async metricsText(@Res() res: Response) {
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }

  @Get('api/admin/clock')
  @ApiAnswer('Clock')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前系统时间 — the system clock' })
  getClock() {
    return { now: formatShanghai(this.clock.now()), mode: this.clock instanceof ManualClock ? 'manual' : 'system' };
  }

  @Post('api/admin/clock')
  @ApiAnswer('Clock')
  @HttpCode(200)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: '拨动手动时钟 — move the manual clock forward (CLOCK=manual only)' })
  setClock(@Body() body: SetClockDto) {
    if (!(this.clock instanceof ManualClock)) throw new DomainError('RULE_VIOLATION', 'the clock is not manual (start with CLOCK=manual)');
    try {
      // Without an offset it is Asia/Shanghai time, as every business time is (a bare date: that day's start).
      this.clock.advanceTo(new Date(withShanghaiOffset(body.now) ?? body.now));
    } catch (error) {
      throw new DomainError('RULE_VIOLATION', error instanceof Error ? error.message : 'the clock cannot move backwards');
    }
    return { now: formatShanghai(this.clock.now()), mode: 'manual' };
  }
}
