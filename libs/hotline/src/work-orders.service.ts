import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import type { ReadModelDb } from '@qf/projections';
import {
  APP_CONFIG,
  CommandRequest,
  commandContextOf,
  Actor,
  AppConfig,
  ReferDto,
  allocateDailyId,
  awaitStream,
  AsOfQuery,
  CLOCK,
  CaseReaders,
  CommandRunner,
  Clock,
  CommandContext,
  Decision,
  DomainError,
  EVENT_STORE,
  PiiVault,
  ProjectionsService,
  READ_MODEL_DB,
  SlaPolicyService,
  decideUnderPolicy,
  forbidden,
  hasRole,
  listCaseRows,
  load,
} from '@qf/platform';
import { DirectoryService, assertMayReadKind, mayReadCase, readScope } from '@qf/directory';
import { CLUE_ID_PREFIX, clueStreamOf } from '@qf/contracts';
import type { CreateOrderDto } from './create-order/create-order.dto';
import { WorkOrderCommand, decide } from './work-order.decide';
import { Caller, StoredCaller, WorkOrder, WorkOrderEvent, streamOf, workOrderAggregate } from './work-order';
import { HotlineDecideContext } from './hotline-rules';
import { callerViews, orderDetail, timeline } from './order-view';
import { WORK_ORDERS_TABLE, WorkOrderRow, workOrdersProjection } from './read-models/work-orders.projection';
import { ListOrdersQuery } from './list-orders.query';


/**
 * The application service of the hotline context: runs decisions against order streams, checks what only the
 * directory knows (does the unit exist), and answers reads with the §1 scoping and §8 masking.
 */
@Injectable()
export class WorkOrdersService implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
    private readonly caseReaders: CaseReaders,
    private readonly commands: CommandRunner,
    private readonly vault: PiiVault,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly slaPolicy: SlaPolicyService,
  ) {}

  onModuleInit(): void {
    this.projections.register(workOrdersProjection);
    this.caseReaders.register({
      kind: 'hotline',
      detail: (id, actor, at) => this.detail(id, actor, at),
      events: (id, actor) => this.timeline(id, actor),
    });
  }

  now(): Date {
    return this.clock.now();
  }

  /** The target of a dispatch must be an active unit of the directory. */
  assertDispatchTarget(unitId: string): void {
    this.directory.assertActiveUnit(unitId);
  }

  /** A command's context from its HTTP request: the caller, the clock's now, idempotency and If-Match. */
  context(req: CommandRequest, actor: Actor): CommandContext {
    return commandContextOf(req, actor, this.clock.now());
  }

  /**
   * Runs one command against the order's stream through the work order's one `decide`, under the SLA policy in
   * force when the order's deadlines start (its dispatch time, else now), and answers the order as the caller sees it.
   */
  async run(orderNo: string, ctx: CommandContext, command: WorkOrderCommand) {
    const policies = await this.slaPolicy.timeline();
    const result = await this.commands.run(streamOf(orderNo), workOrderAggregate, ctx, (state) =>
      decideUnderPolicy(policies, ctx.now, (policy) => decide(command, state, { actor: ctx.actor, now: ctx.now, policy } satisfies HotlineDecideContext)),
      [workOrdersProjection.name],
    );
    return { detail: await this.view(result.state, result.version, this.clock.now(), ctx.actor), created: result.appended.length > 0 };
  }

  /** 派单 — over HTTP and from the hotline centre's push alike: the unit must exist, the caller is sealed first. */
  async create(body: CreateOrderDto, ctx: CommandContext) {
    this.assertDispatchTarget(body.unitId);
    const { caller: contact, address, ...order } = body;
    const caller = await this.sealCaller(body.orderNo, { ...contact, address });
    return this.run(body.orderNo, ctx, { ...order, type: 'CreateOrder', caller });
  }

  /**
   * Seals the caller — name, phone and address — under the order's own data key (one caller per order) before any of
   * it goes anywhere near an event.
   */
  async sealCaller(orderNo: string, caller: Caller): Promise<StoredCaller | null> {
    const plain: Caller = {
      ...(caller.name ? { name: caller.name } : {}),
      ...(caller.phone ? { phone: caller.phone } : {}),
      ...(caller.address ? { address: caller.address } : {}),
    };
    if (!plain.name && !plain.phone && !plain.address) return null;
    return { sealed: await this.vault.seal(`hotline-${orderNo}-caller`, plain), digest: this.vault.digest(plain) };
  }

  private async view(state: WorkOrder, version: number, now: Date, actor: Actor) {
    const reveal = this.mayReveal(actor, state);
    const [caller] = await callerViews(this.vault, [state.caller], [reveal]);
    return orderDetail(state, version, now, caller, reveal);
  }

  /**
   * 移送纪检监察: the order records the referral with the clue id it allocated and the people it names; the clue
   * context reacts by registering that clue (same correlation id, causation = the referral event). The answer waits,
   * bounded, for the clue to exist. A retry with the same Idempotency-Key gets the same clue id.
   */
  async refer(orderNo: string, body: ReferDto, ctx: CommandContext) {
    const loaded = await load<WorkOrder, WorkOrderEvent>(this.store, streamOf(orderNo), workOrderAggregate);
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `work order ${orderNo} not found`);
    if (hasRole(ctx.actor, 'supervisor') && !hasRole(ctx.actor, 'hotline_operator')) this.assertMayRead(ctx.actor, loaded.state);
    this.directory.assertSubjectUnits(body.subjects);
    const clueId = await allocateDailyId(this.store, CLUE_ID_PREFIX, ctx.now, ctx);
    const referred = await this.run(orderNo, ctx, { type: 'ReferOrder', clueId, reason: body.reason, subjects: body.subjects });
    await awaitStream(this.store, clueStreamOf(clueId), this.config.projectionWaitMs);
    return { ...referred.detail, clueId };
  }

  /** Who may read an order (SPEC §1). */
  private assertMayRead(actor: Actor, order: Pick<WorkOrder, 'unitId'>): void {
    if (!mayReadCase(this.directory.current(), actor, ['hotline_operator'], order.unitId)) throw forbidden('you may not read this work order');
  }

  /** Caller identity in full: the hotline centre and the unit the order is assigned to (they must answer the person). */
  private mayReveal(actor: Actor, order: Pick<WorkOrder, 'unitId'>): boolean {
    return hasRole(actor, 'hotline_operator') || (hasRole(actor, 'unit_handler', 'unit_head') && actor.unitId === order.unitId);
  }

  async detail(orderNo: string, actor: Actor, at: AsOfQuery = {}) {
    const asOf = at.asOf ? new Date(at.asOf) : undefined;
    const knownAt = at.knownAt ? new Date(at.knownAt) : undefined;
    assertMayReadKind(this.directory.current(), actor, ['hotline_operator']);
    const loaded = await load<WorkOrder, WorkOrderEvent>(this.store, streamOf(orderNo), workOrderAggregate, { occurredUntil: asOf, recordedUntil: knownAt });
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `work order ${orderNo} not found`);
    this.assertMayRead(actor, loaded.state);
    return this.view(loaded.state, loaded.version, asOf ?? this.clock.now(), actor);
  }

  async timeline(orderNo: string, actor: Actor) {
    assertMayReadKind(this.directory.current(), actor, ['hotline_operator']);
    const loaded = await load<WorkOrder, WorkOrderEvent>(this.store, streamOf(orderNo), workOrderAggregate);
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `work order ${orderNo} not found`);
    this.assertMayRead(actor, loaded.state);
    return { kind: 'hotline', id: orderNo, version: loaded.version, items: await timeline(this.vault, loaded.events) };
  }

  async list(query: ListOrdersQuery, actor: Actor) {
    const scope = readScope(this.directory.current(), actor, ['hotline_operator'], query.unitId);
    const now = this.clock.now();
    const { docs, ...page } = await listCaseRows<WorkOrderRow>(this.readModels.db, WORK_ORDERS_TABLE, query, scope, now);
    // Lists always show the caller masked (SPEC §8).
    const callers = await callerViews(this.vault, docs.map((d) => d.caller), docs.map(() => false));
    const items = docs.map((row, i) => {
      const { content: _content, reply: _reply, ...summary } = orderDetail(row, row.version, now, callers[i], false);
      return summary;
    });
    return { items, ...page };
  }
}

