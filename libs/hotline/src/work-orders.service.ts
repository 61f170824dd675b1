import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import type { ReadModelDb } from '@qf/projections';
import {
  Actor,
  AsOfQuery,
  CLOCK,
  CaseReaders,
  Clock,
  CommandContext,
  DEFAULT_SLA_POLICY,
  Decision,
  DomainError,
  EVENT_STORE,
  Metrics,
  PiiVault,
  ProjectionsService,
  READ_MODEL_DB,
  execute,
  forbidden,
  hasRole,
  load,
  ruleViolation,
} from '@qf/platform';
import { DirectoryService } from '@qf/directory';
import { Caller, StoredCaller, WorkOrder, WorkOrderEvent, streamOf, workOrderAggregate } from './work-order';
import { HotlineDecideContext } from './hotline-rules';
import { callerViews, orderDetail, timeline } from './order-view';
import { WORK_ORDERS_TABLE, WorkOrderRow, workOrdersProjection } from './read-models/work-orders.projection';
import { ListOrdersQuery } from './list-orders.query';

type Decide = (state: WorkOrder, ctx: HotlineDecideContext) => WorkOrderEvent[] | Decision<WorkOrderEvent>;

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
    private readonly metrics: Metrics,
    private readonly vault: PiiVault,
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
    const unit = this.directory.current().get(unitId);
    if (!unit || !unit.active) throw ruleViolation(`unit ${unitId} does not exist or is retired`);
  }

  async run(orderNo: string, ctx: CommandContext, decide: Decide) {
    const dctx: HotlineDecideContext = { actor: ctx.actor, now: ctx.now, policy: DEFAULT_SLA_POLICY };
    const result = await execute(this.store, streamOf(orderNo), workOrderAggregate, ctx, (state) => {
      const decided = decide(state, dctx);
      return Array.isArray(decided) ? { events: decided } : decided;
    });
    for (const e of result.appended) this.metrics.eventsAppended.inc({ type: e.type });
    await this.projections.settle(result.position);
    return { detail: await this.view(result.state, result.version, this.clock.now(), ctx.actor), created: result.appended.length > 0 };
  }

  /** Seals the caller under the order's own data key (one caller per order) before it goes anywhere near an event. */
  async sealCaller(orderNo: string, caller: Caller | undefined): Promise<StoredCaller | null> {
    const plain: Caller = { ...(caller?.name ? { name: caller.name } : {}), ...(caller?.phone ? { phone: caller.phone } : {}) };
    if (!plain.name && !plain.phone) return null;
    return { sealed: await this.vault.seal(`hotline-${orderNo}-caller`, plain), digest: this.vault.digest(plain) };
  }

  private async view(state: WorkOrder, version: number, now: Date, actor: Actor) {
    const [caller] = await callerViews(this.vault, [state.caller], [this.mayReveal(actor, state)]);
    return orderDetail(state, version, now, caller);
  }

  /** Who may read an order (SPEC §1). */
  private assertMayRead(actor: Actor, order: Pick<WorkOrder, 'unitId'>): void {
    if (hasRole(actor, 'hotline_operator')) return;
    if (hasRole(actor, 'unit_handler', 'unit_head') && actor.unitId === order.unitId) return;
    if (hasRole(actor, 'supervisor') && actor.unitId && this.directory.current().isInSubtree(order.unitId, actor.unitId)) return;
    throw forbidden('you may not read this work order');
  }

  /** Caller identity in full: the hotline centre and the unit the order is assigned to (they must answer the person). */
  private mayReveal(actor: Actor, order: Pick<WorkOrder, 'unitId'>): boolean {
    return hasRole(actor, 'hotline_operator') || (hasRole(actor, 'unit_handler', 'unit_head') && actor.unitId === order.unitId);
  }

  async detail(orderNo: string, actor: Actor, at: AsOfQuery = {}) {
    const asOf = at.asOf ? new Date(at.asOf) : undefined;
    const knownAt = at.knownAt ? new Date(at.knownAt) : undefined;
    const loaded = await load<WorkOrder, WorkOrderEvent>(this.store, streamOf(orderNo), workOrderAggregate, { occurredUntil: asOf, recordedUntil: knownAt });
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `work order ${orderNo} not found`);
    this.assertMayRead(actor, loaded.state);
    return this.view(loaded.state, loaded.version, asOf ?? this.clock.now(), actor);
  }

  async timeline(orderNo: string, actor: Actor) {
    const loaded = await load<WorkOrder, WorkOrderEvent>(this.store, streamOf(orderNo), workOrderAggregate);
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `work order ${orderNo} not found`);
    this.assertMayRead(actor, loaded.state);
    return { kind: 'hotline', id: orderNo, version: loaded.version, items: await timeline(this.vault, loaded.events) };
  }

  /** Which units' orders the caller may list, narrowed by the `unitId` filter (a subtree). */
  private scopeOf(actor: Actor, unitFilter?: string): string[] | 'all' {
    const dir = this.directory.current();
    const filter = unitFilter ? dir.subtree(unitFilter) : null;
    if (unitFilter && !dir.get(unitFilter)) throw new DomainError('NOT_FOUND', `unit ${unitFilter} not found`);
    let allowed: string[] | 'all';
    if (hasRole(actor, 'hotline_operator')) allowed = 'all';
    else {
      const own = new Set<string>();
      if (actor.unitId && hasRole(actor, 'unit_handler', 'unit_head')) own.add(actor.unitId);
      if (actor.unitId && hasRole(actor, 'supervisor')) dir.subtree(actor.unitId).forEach((u) => own.add(u));
      if (own.size === 0) throw forbidden('your role may not read work orders');
      allowed = [...own];
    }
    if (!filter) return allowed;
    return allowed === 'all' ? filter : filter.filter((u) => allowed.includes(u));
  }

  async list(query: ListOrdersQuery, actor: Actor) {
    const scope = this.scopeOf(actor, query.unitId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const db = this.readModels.db;
    let q = db.selectFrom(WORK_ORDERS_TABLE);
    if (scope !== 'all') {
      if (scope.length === 0) return { items: [], total: 0, page, pageSize };
      q = q.where('unit_id', 'in', scope);
    }
    if (query.status) q = q.where('status', '=', query.status);
    if (query.overdue !== undefined) {
      const now = this.clock.now().toISOString();
      q = query.overdue ? q.where('next_due_at', '<', now) : q.where((eb) => eb.or([eb('next_due_at', 'is', null), eb('next_due_at', '>=', now)]));
    }
    if (query.from) q = q.where('received_at', '>=', new Date(query.from).toISOString());
    if (query.to) q = q.where('received_at', '<=', new Date(query.to).toISOString());
    const totalRow = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const rows = await q.select(['doc']).orderBy('received_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
    const now = this.clock.now();
    const docs = rows.map((r) => JSON.parse(r.doc as string) as WorkOrderRow);
    // Lists always show the caller masked (SPEC §8).
    const callers = await callerViews(this.vault, docs.map((d) => d.caller), docs.map(() => false));
    const items = docs.map((row, i) => {
      const { content: _content, reply: _reply, ...summary } = orderDetail(row, row.version, now, callers[i]);
      return summary;
    });
    return { items, total: Number(totalRow?.n ?? 0), page, pageSize };
  }
}

