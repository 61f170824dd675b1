import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import {
  Actor,
  CASE_KINDS,
  CLOCK,
  Clock,
  CommandContext,
  CommandRequest,
  DomainError,
  EVENT_STORE,
  Metrics,
  ProjectionsService,
  SYSTEM_ACTOR,
  commandContextOf,
  execute,
} from '@qf/platform';
import { DirectoryService } from '@qf/directory';
import type { CaseKindDefinition, CaseKindRegistry } from '@qf/contracts';
import type { LadderDirectory } from './escalation-ladder';
import { escalatable, parseDeadlineKey } from './escalation';
import { EscalationCommand, decide } from './escalation.decide';
import { AcknowledgeEscalation, isEscalationTarget, notYourEscalation } from './acknowledge-escalation/acknowledge-escalation';
import type { EscalationDoc } from './read-models/escalations.projection';
import { EscalationInboxService } from './inbox.service';
import { ladderDirectoryOf } from './ladder.directory-view';
import { escalationsProjection } from './read-models/escalations.projection';

/**
 * The escalation commands: firing due rungs into case streams (the schedulers' command) and acknowledging them (the
 * targets'). Both run through the escalations' one `decide` over the case's stream folded with its escalations.
 */
@Injectable()
export class EscalationCommandsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
    private readonly metrics: Metrics,
    private readonly inbox: EscalationInboxService,
    @Inject(CASE_KINDS) private readonly kinds: CaseKindRegistry,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** A command's context from its HTTP request: the caller, the clock's now, idempotency and If-Match. */
  context(req: CommandRequest, actor: Actor): CommandContext {
    return commandContextOf(req, actor, this.clock.now());
  }

  /** The directory as the ladder needs it, read at escalation time (机构改革 moves the targets too). */
  ladderDirectory(): LadderDirectory {
    return ladderDirectoryOf(this.directory.current());
  }

  /** Runs one escalation command against the stream of a case of `kind` (no settling: the caller decides). */
  private async run(kind: CaseKindDefinition, streamId: string, ctx: CommandContext, command: EscalationCommand, ladder: () => LadderDirectory) {
    const result = await execute(this.store, streamId, escalatable(kind), ctx, (state) =>
      decide(command, state, { actor: ctx.actor, now: ctx.now, kind, ladder }),
    );
    for (const e of result.appended) this.metrics.eventsAppended.inc({ type: e.type });
    return result;
  }

  /**
   * Fires every due rung of one deadline that has not fired, as one append to the case stream. Exactly once: the
   * decision reads the stream's escalations and the append needs the stream unchanged since; a concurrent or
   * repeated firing finds the rungs there and appends nothing. Returns the number of rungs fired.
   */
  async fire(key: string): Promise<number> {
    const ref = parseDeadlineKey(key);
    if (!ref) throw new Error(`not a deadline key: ${key}`);
    const kind = this.kinds.byKind(ref.kind);
    const now = this.clock.now();
    const dir = this.ladderDirectory();
    const ctx: CommandContext = { actor: SYSTEM_ACTOR, now, commandId: `escalate:${key}:${now.toISOString()}`, correlationId: `escalation:${key}`, causationId: null };
    const result = await this.run(kind, `${kind.streamPrefix}${ref.caseId}`, ctx, { type: 'FireEscalations', deadline: ref }, () => dir);
    const fired = result.appended.filter((e) => e.type === 'DeadlineEscalated').map((e) => e.data as { level: number });
    for (const f of fired) this.metrics.escalations.inc({ kind: ref.kind, level: String(f.level) });
    return fired.length;
  }

  /** 签收督办: the escalation's target unit and role only; anyone else is refused (403), an unknown id is a 404. */
  async acknowledge(ctx: CommandContext, command: AcknowledgeEscalation): Promise<EscalationDoc> {
    const doc = await this.inbox.find(command.escalationId);
    if (!doc) throw new DomainError('NOT_FOUND', 'escalation not found');
    if (!isEscalationTarget(ctx.actor, doc)) throw notYourEscalation();
    const result = await this.run(this.kinds.byKind(doc.caseKind), doc.streamId, ctx, command, () => this.ladderDirectory());
    await this.projections.settle(result.position, [escalationsProjection.name]); // the answer is read from the inbox
    return (await this.inbox.find(command.escalationId))!;
  }
}
