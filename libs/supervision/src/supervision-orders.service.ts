import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import {
  CASE_KINDS,
  Actor,
  CLOCK,
  Clock,
  CommandContext,
  CommandRunner,
  DomainError,
  EVENT_STORE,
  SlaPolicyService,
  allocateDailyId,
  deadlineView,
  forbidden,
  hasRole,
  load,
} from '@qf/platform';
import { DirectoryService, mayReadCase } from '@qf/directory';
import { CaseKindRegistry } from '@qf/contracts';
import { EscalationsService, publicEscalation } from './escalations.service';
import { IssueSupervisionOrderDto, AnswerSupervisionOrderDto } from './supervision.dto';
import { SupervisionOrder, decideAnswer, decideIssue, supervisionOrderAggregate, supervisionStream } from './supervision-order';

/** 督办单 (SPEC §4): issued by a supervisor about a case in their subtree, answered stage by stage by the handling unit. */
@Injectable()
export class SupervisionOrdersService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
    private readonly commands: CommandRunner,
    private readonly escalations: EscalationsService,
    private readonly slaPolicy: SlaPolicyService,
    @Inject(CASE_KINDS) private readonly kinds: CaseKindRegistry,
  ) {}

  now(): Date {
    return this.clock.now();
  }

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
    // Every stage of the order starts at issue, i.e. now: the presets in force now apply.
    const policy = await this.slaPolicy.inForceAt(ctx.now);
    const result = await this.commands.run(supervisionStream(id), supervisionOrderAggregate, { ...ctx, expectedVersion: undefined }, (state) =>
      decideIssue({ id, caseKind: body.caseKind, caseId: body.caseId, requirement: body.requirement, preset: body.preset, caseUnitId: facts.unitId! }, state, {
        actor: ctx.actor,
        now: ctx.now,
        policy,
      }),
    );
    return { detail: await this.view(result.state, result.version), created: !result.replayed };
  }

  async answer(id: string, body: AnswerSupervisionOrderDto, ctx: CommandContext) {
    const loaded = await load(this.store, supervisionStream(id), supervisionOrderAggregate);
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `supervision order ${id} not found`);
    if (!hasRole(ctx.actor, 'unit_handler', 'unit_head') || ctx.actor.unitId !== loaded.state.unitId) throw forbidden('only the handling unit answers a supervision order');
    const result = await this.commands.run(supervisionStream(id), supervisionOrderAggregate, ctx, (state) => decideAnswer(body, state));
    return this.view(result.state, result.version);
  }

  async detail(id: string, actor: Actor) {
    const loaded = await load(this.store, supervisionStream(id), supervisionOrderAggregate);
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `supervision order ${id} not found`);
    if (!mayReadCase(this.directory.current(), actor, ['leader'], loaded.state.unitId)) throw forbidden('you may not read this supervision order');
    return this.view(loaded.state, loaded.version);
  }

  private async view(state: SupervisionOrder, version: number) {
    const now = this.clock.now();
    const escalations = await this.escalations.escalationsOfCase(state.id);
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
