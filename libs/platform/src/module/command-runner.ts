import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import { Aggregate, Decision, DomainEvent, Executed, execute } from '../commands/aggregate';
import type { CommandContext } from '@qf/kernel';
import { Metrics } from '../observability/metrics';
import { EVENT_STORE } from '../tokens';
import { ProjectionsService } from './projections.service';

/**
 * Runs a command against a case stream for the HTTP layer: decide and append, count the events, and wait (bounded)
 * for the read models the caller reads back next (`readBack`, projection names: the case's list, the deadlines) —
 * not for every projection. Reports, inbox, outbox and audit catch up when they are read (ReadsFrom).
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: Metrics,
    private readonly projections: ProjectionsService,
  ) {}

  async run<S, E extends DomainEvent>(
    streamId: string,
    aggregate: Aggregate<S, E>,
    ctx: CommandContext,
    decide: (state: S) => E[] | Decision<E>,
    readBack: readonly string[],
  ): Promise<Executed<S>> {
    const result = await execute(this.store, streamId, aggregate, ctx, (state) => {
      const decided = decide(state);
      return Array.isArray(decided) ? { events: decided } : decided;
    });
    for (const e of result.appended) this.metrics.eventsAppended.inc({ type: e.type });
    await this.projections.settle(result.position, readBack);
    return result;
  }
}
