import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import {
  CASE_KINDS,
  Actor,
  CLOCK,
  Clock,
  CommandContext,
  CommandRequest,
  CommandRunner,
  DomainError,
  EVENT_STORE,
  SlaPolicyService,
  allocateDailyId,
  commandContextOf,
  deadlineView,
  forbidden,
  load,
} from '@qf/platform';
import { DirectoryService, assertMayReadKind, mayReadCase } from '@qf/directory';
import { CaseKindRegistry } from '@qf/contracts';
import type { IssueSupervisionOrderDto } from './issue-supervision-order/issue-supervision-order.dto';
import type { AnswerSupervisionStage } from './answer-supervision-stage/answer-supervision-stage';
import { SupervisionOrder, supervisionOrderAggregate, supervisionStream } from './supervision-order';
import { SupervisionOrderCommand, decide } from './supervision-order.decide';
import { SupervisionOrderDecideContext, assertHandlingUnit } from './supervision-order.rules';
import { EscalationInboxService } from './inbox.service';
import { publicEscalation } from './escalation-view';

/** 督办单 (SPEC §4): issued by a supervisor about a case in their subtree, answered stage by stage by the handling unit. */
@Injectable()
export class SupervisionOrdersService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
    private readonly commands: CommandRunner,
    private readonly inbox: EscalationInboxService,
    private readonly slaPolicy: SlaPolicyService,
    @Inject(CASE_KINDS) private readonly kinds: CaseKindRegistry,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** A command's context from its HTTP request: the caller, the clock's now, idempotency and If-Match. */
  context(req: CommandRequest, actor: Actor): CommandContext {
    return commandContextOf(req, actor, this.clock.now());
  }

  /**
   * Runs one command against the order's stream through the supervision order's one `decide`, under the SLA policy
   * in force now (every stage of an order starts at its issue), and answers the order with its escalations.
   */
  async run(id: string, ctx: CommandContext, command: SupervisionOrderCommand) {
    const policy = await this.slaPolicy.inForceAt(ctx.now);
    const result = await this.commands.run(supervisionStream(id), supervisionOrderAggregate, ctx, (state) =>
      decide(command, state, { actor: ctx.actor, now: ctx.now, policy } satisfies SupervisionOrderDecideContext),
      [], // read back from its stream; deadlines and escalations catch up when read (ReadsFrom)
    );
    return { detail: await this.view(result.state, result.version), created: !result.replayed };
  }

  /**
   * 下发督办单: the supervised case must exist, have a handling unit, lie in the supervisor's subtree (the directory
   * says) and be open; then the order gets its id (DB + date + sequence) and is issued.
   */
  async issue(body: IssueSupervisionOrderDto, ctx: CommandContext) {
    const kind = this.kinds.byKind(body.caseKind);
    const supervised = await load(this.store, `${kind.streamPrefix}${body.caseId}`, kind);
    const facts = kind.facts(supervised.state);
    if (!facts.exists) throw new DomainError('NOT_FOUND', `${body.caseKind} ${body.caseId} not found`);
    if (!facts.unitId) throw new DomainError('RULE_VIOLATION', `${body.caseKind} ${body.caseId} has no handling unit yet`);
    if (!ctx.actor.unitId || !this.directory.current().isInSubtree(facts.unitId, ctx.actor.unitId)) {
      throw forbidden('you may only supervise cases handled within your subtree');
    }
    if (facts.cleared) throw new DomainError('INVALID_TRANSITION', `issue is not allowed while the case is closed`);
    const id = await allocateDailyId(this.store, 'DB', ctx.now, ctx);
    // A new stream: an If-Match of the request is not about it.
    return this.run(id, { ...ctx, expectedVersion: undefined }, { ...body, type: 'IssueSupervisionOrder', id, caseUnitId: facts.unitId });
  }

  /**
   * 督办反馈: that the order exists and the caller is its handling unit is checked before the command runs (the
   * domain checks it again), so these refusals come before an idempotent replay or an If-Match mismatch.
   */
  async answer(id: string, ctx: CommandContext, command: AnswerSupervisionStage) {
    const loaded = await load(this.store, supervisionStream(id), supervisionOrderAggregate);
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `supervision order ${id} not found`);
    assertHandlingUnit(ctx.actor, loaded.state);
    return this.run(id, ctx, command);
  }

  async detail(id: string, actor: Actor) {
    assertMayReadKind(this.directory.current(), actor, ['leader']);
    const loaded = await load(this.store, supervisionStream(id), supervisionOrderAggregate);
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `supervision order ${id} not found`);
    if (!mayReadCase(this.directory.current(), actor, ['leader'], loaded.state.unitId)) throw forbidden('you may not read this supervision order');
    return this.view(loaded.state, loaded.version);
  }

  private async view(state: SupervisionOrder, version: number) {
    const now = this.clock.now();
    const escalations = await this.inbox.ofCase(state.id);
    return {
      id: state.id,
      version,
      caseKind: state.caseKind,
      caseId: state.caseId,
      requirement: state.requirement,
      preset: state.preset,
      unitId: state.unitId,
      issuedBy: state.issuedBy,
      issuedAt: state.issuedAt,
      status: state.status,
      answers: state.answers,
      deadlines: state.deadlines.map((d) => deadlineView(d, now)),
      escalations: escalations.map(publicEscalation),
    };
  }
}
