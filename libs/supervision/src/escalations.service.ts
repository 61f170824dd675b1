import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import type { ExpressionBuilder } from 'kysely';
import type { ReadModelDb } from '@qf/projections';
import {
  Actor,
  CASE_KINDS,
  CLOCK,
  Clock,
  CommandContext,
  DomainError,
  EVENT_STORE,
  Metrics,
  ProjectionsService,
  READ_MODEL_DB,
  SYSTEM_ACTOR,
  execute,
  forbidden,
  formatShanghai,
  hasRole,
  type Role,
} from '@qf/platform';
import { DirectoryService, unitsOf } from '@qf/directory';
import { CaseKindRegistry } from '@qf/contracts';
import { CaseKind, LadderDirectory, responsibleUnit } from './escalation-ladder';
import { decideAcknowledge, decideEscalation, escalatable, parseDeadlineKey } from './escalation';
import { DEADLINES_TABLE, DeadlineRow, deadlineRowOf, deadlinesProjection } from './read-models/deadlines.projection';
import { ESCALATIONS_TABLE, EscalationDoc, escalationsProjection } from './read-models/escalations.projection';
import { ListDeadlinesQuery, ListEscalationsQuery } from './supervision.dto';

/** Which roles read which kind's deadlines without a unit restriction (SPEC §1); clues only for the discipline office. */
const OFFICE_ROLES: Record<string, Role[]> = {
  hotline: ['hotline_operator', 'leader'],
  petition: ['petition_officer', 'leader'],
  clue: ['inspector', 'case_manager'],
  supervision_order: ['leader'],
};

/**
 * The escalation ladder's application service: fires due rungs into case streams (called by either scheduler),
 * answers the inboxes and the open-deadlines list, and records acknowledgements.
 */
@Injectable()
export class EscalationsService implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
    private readonly metrics: Metrics,
    @Inject(CASE_KINDS) private readonly kinds: CaseKindRegistry,
  ) {}

  onModuleInit(): void {
    this.projections.register(deadlinesProjection(this.kinds));
    this.projections.register(escalationsProjection);
  }

  now(): Date {
    return this.clock.now();
  }

  /** The directory as the ladder needs it, read at escalation time (机构改革 moves the targets too). */
  ladderDirectory(): LadderDirectory {
    const dir = this.directory.current();
    const rootId = dir.root()?.id;
    const disciplineId = dir.disciplineUnit()?.id;
    if (!rootId || !disciplineId) throw new Error('the directory has no root or no discipline unit');
    return {
      parentOf: (id) => dir.get(id)?.parentId ?? null,
      rootId: () => rootId,
      disciplineUnitId: () => disciplineId,
      petitionsBureauId: () => dir.petitionsBureau()?.id ?? null,
    };
  }

  /** Waits until the read models hold every event stored so far (the schedulers look at a settled deadline table). */
  async settle(): Promise<void> {
    await this.projections.settle(await this.store.headPosition());
  }

  /** Open deadlines with a rung due at or before `until` (UTC ISO), earliest first. */
  async dueDeadlines(until: Date, limit: number): Promise<DeadlineRow[]> {
    const rows = await this.readModels.db
      .selectFrom(DEADLINES_TABLE)
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_fire_at', '<=', until.toISOString())
      .orderBy('next_fire_at')
      .limit(limit)
      .execute();
    return rows.map(deadlineRowOf);
  }

  /**
   * Fires every due rung of one deadline that has not fired, as one append to the case stream. Exactly once: the
   * decision reads the stream's escalations and the append needs the stream unchanged since; a concurrent or
   * repeated firing finds the rungs there and appends nothing. Returns the number of rungs fired.
   */
  async fireDue(key: string): Promise<number> {
    const ref = parseDeadlineKey(key);
    if (!ref) throw new Error(`not a deadline key: ${key}`);
    const kind = this.kinds.byKind(ref.kind);
    const streamId = `${kind.streamPrefix}${ref.caseId}`;
    const now = this.clock.now();
    const dir = this.ladderDirectory();
    let fired: Array<{ level: number }> = [];
    const result = await execute(
      this.store,
      streamId,
      escalatable(kind),
      { actor: SYSTEM_ACTOR, now, commandId: `escalate:${key}:${now.toISOString()}`, correlationId: `escalation:${key}`, causationId: null },
      (state) => {
        const events = decideEscalation(kind, state, ref, now, dir);
        fired = events.map((e) => e.data);
        return { events };
      },
    );
    if (result.appended.length === 0) return 0;
    for (const e of result.appended) this.metrics.eventsAppended.inc({ type: e.type });
    for (const f of fired) this.metrics.escalations.inc({ kind: ref.kind, level: String(f.level) });
    return fired.length;
  }

  /** 签收督办: the escalation's target unit and role only. */
  async acknowledge(id: string, comment: string | null, ctx: CommandContext): Promise<EscalationDoc> {
    const doc = await this.findEscalation(id);
    if (!doc || !this.isTarget(ctx.actor, doc)) throw new DomainError('NOT_FOUND', 'escalation not found in your inbox');
    const result = await execute(this.store, doc.streamId, escalatable(this.kinds.byKind(doc.caseKind)), ctx, (state) => ({ events: decideAcknowledge(state.fired[id], ctx.actor, comment) }));
    for (const e of result.appended) this.metrics.eventsAppended.inc({ type: e.type });
    await this.projections.settle(result.position);
    return (await this.findEscalation(id))!;
  }

  private isTarget(actor: Actor, doc: Pick<EscalationDoc, 'targetUnitId' | 'targetRole'>): boolean {
    return actor.unitId === doc.targetUnitId && hasRole(actor, doc.targetRole);
  }

  private async findEscalation(id: string): Promise<EscalationDoc | null> {
    const row = await this.readModels.db.selectFrom(ESCALATIONS_TABLE).select('doc').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.doc as string) as EscalationDoc) : null;
  }

  /** The caller's inbox (SPEC §4): escalations aimed at the caller's unit and one of the caller's roles, newest first. */
  async inbox(actor: Actor, query: ListEscalationsQuery) {
    if (!actor.unitId) return { items: [], total: 0, page: 1, pageSize: query.pageSize ?? 50 };
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    let q = this.readModels.db.selectFrom(ESCALATIONS_TABLE).where('target_unit_id', '=', actor.unitId).where('target_role', 'in', actor.roles.length ? actor.roles : ['-']);
    if (query.level !== undefined) q = q.where('level', '=', query.level);
    if (query.state) q = q.where('state', '=', query.state);
    if (query.caseId) q = q.where('case_id', '=', query.caseId);
    if (query.stage) q = q.where('stage', '=', query.stage);
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.select('doc').orderBy('escalated_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { items: rows.map((r) => publicEscalation(JSON.parse(r.doc as string) as EscalationDoc)), total, page, pageSize };
  }

  /**
   * 时限清单 — open deadlines, each with its responsible unit U; `state=warned` past 80 % and not yet due,
   * `state=overdue` past due. Every caller sees the kinds and units §1 lets them read; all filtering and paging is SQL.
   */
  async deadlines(actor: Actor, query: ListDeadlinesQuery) {
    const now = this.clock.now();
    const dir = this.directory.current();
    if (query.unitId && !dir.get(query.unitId)) throw new DomainError('NOT_FOUND', `unit ${query.unitId} not found`);
    const filter = query.unitId ? dir.subtree(query.unitId) : null;
    const own = unitsOf(dir, actor);
    const kinds = query.kind ? [query.kind] : (Object.keys(OFFICE_ROLES) as CaseKind[]);
    // Per kind: every deadline (office roles), those of the caller's units, or none.
    const scopes = kinds
      .map((kind) => ({ kind, units: hasRole(actor, ...OFFICE_ROLES[kind]) ? ('all' as const) : kind !== 'clue' && own.size ? [...own] : null }))
      .filter((s): s is { kind: CaseKind; units: 'all' | string[] } => s.units !== null);
    if (!scopes.length) throw forbidden('your role may not read these deadlines');

    const ladder = this.ladderDirectory();
    const bureau = ladder.petitionsBureauId();
    const discipline = ladder.disciplineUnitId();
    const nowIso = now.toISOString();
    type Eb = ExpressionBuilder<any, any>;
    /** U in `units`: the case's unit, except the bureau for petition `assign` and the discipline unit for clues. */
    const responsibleIn = (eb: Eb, kind: CaseKind, units: string[]) => {
      const set = new Set(units);
      if (kind === 'clue') return set.has(discipline) ? eb.lit(true) : eb.lit(false);
      const byCase = eb.and([eb('case_unit_id', 'in', units.length ? units : ['-']), ...(kind === 'petition' ? [eb('stage', '!=', 'assign')] : [])]);
      if (kind === 'petition' && bureau && set.has(bureau)) return eb.or([byCase, eb('stage', '=', 'assign')]);
      return byCase;
    };
    const base = this.readModels.db
      .selectFrom(DEADLINES_TABLE)
      .where('state', '=', 'pending')
      .$if(query.state === 'overdue', (q) => q.where('due_at', '<', nowIso))
      .$if(query.state === 'warned', (q) => q.where('warn_at', '<=', nowIso).where('due_at', '>=', nowIso))
      .where((eb) =>
        eb.or(
          scopes.map(({ kind, units }) =>
            eb.and([eb('kind', '=', kind), ...(units === 'all' ? [] : [responsibleIn(eb, kind, units)]), ...(filter ? [responsibleIn(eb, kind, filter)] : [])]),
          ),
        ),
      );
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await base.selectAll().orderBy('due_at').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
    return {
      items: rows.map(deadlineRowOf).map((row) => publicDeadline(row, this.safeResponsible(row, ladder), now)),
      total,
      page,
      pageSize,
    };
  }

  /** U of a listed deadline, or null where the directory cannot say (a unit retired since). */
  private safeResponsible(row: DeadlineRow, dir: LadderDirectory): string | null {
    if (!this.kinds.has(row.kind)) return null;
    try {
      return responsibleUnit({ responsible: this.kinds.byKind(row.kind).escalation.responsible(row.stage), stage: row.stage, caseUnitId: row.caseUnitId }, dir);
    } catch {
      return null;
    }
  }

  /** The escalations of one case (for the supervision order view and tests). */
  async escalationsOfCase(caseId: string): Promise<EscalationDoc[]> {
    const rows = await this.readModels.db.selectFrom(ESCALATIONS_TABLE).select('doc').where('case_id', '=', caseId).orderBy('escalated_at').execute();
    return rows.map((r) => JSON.parse(r.doc as string) as EscalationDoc);
  }
}

const shanghai = (iso: string) => formatShanghai(new Date(iso));

/** An escalation as SPEC §4 shows it. */
export function publicEscalation(d: EscalationDoc) {
  return {
    id: d.id,
    caseKind: d.caseKind,
    caseId: d.caseId,
    stage: d.stage,
    level: d.level,
    unitId: d.unitId,
    targetUnitId: d.targetUnitId,
    targetRole: d.targetRole,
    dueAt: d.dueAt,
    escalatedAt: d.escalatedAt,
    state: d.state,
    acknowledgedAt: d.acknowledgedAt,
    acknowledgedBy: d.acknowledgedBy,
    comment: d.comment,
    ...(d.level === 3 ? { accountabilityClueId: d.clueId } : {}),
  };
}

function publicDeadline(row: DeadlineRow, unitId: string | null, now: Date) {
  const t = now.getTime();
  return {
    caseKind: row.kind,
    caseId: row.caseId,
    stage: row.stage,
    round: row.round,
    unitId,
    startedAt: shanghai(row.startedAt),
    warnAt: shanghai(row.warnAt),
    dueAt: shanghai(row.dueAt),
    state: t > Date.parse(row.dueAt) ? 'overdue' : t >= Date.parse(row.warnAt) ? 'warned' : 'pending',
    lastLevel: row.lastLevel,
  };
}
