import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import type { ExpressionBuilder } from 'kysely';
import type { ReadModelDb } from '@qf/projections';
import { Actor, CASE_KINDS, CLOCK, Clock, DomainError, EVENT_STORE, ProjectionsService, READ_MODEL_DB, forbidden, formatShanghai, hasRole, type Role } from '@qf/platform';
import { DirectoryService, unitsOf } from '@qf/directory';
import type { CaseKindRegistry } from '@qf/contracts';
import { CaseKind, LadderDirectory, responsibleUnit } from './escalation-ladder';
import { DEADLINES_PROJECTION, DEADLINES_TABLE, DeadlineRow, deadlineRowOf, deadlinesProjection } from './read-models/deadlines.projection';
import { ListDeadlinesQuery } from './list-deadlines.query';
import { ladderDirectoryOf } from './ladder.directory-view';
import type { DueCursor } from './scheduler/scheduler.port';

/**
 * Which roles read which kind's deadlines without a unit restriction (SPEC §1); clues only for the discipline office.
 * A kind registered later and not listed here is read by the units responsible for its deadlines only.
 */

/**
 * 时限清单 — the deadline read model: one row per deadline of every registered case kind, with the time its next rung
 * is due. The schedulers find their work here (`due`, `settle`); `GET /api/deadlines` lists it (`list`).
 */
@Injectable()
export class DeadlinesService implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
    @Inject(CASE_KINDS) private readonly kinds: CaseKindRegistry,
  ) {}

  onModuleInit(): void {
    this.projections.register(deadlinesProjection(this.kinds));
  }

  /** Waits until the deadline table holds every event stored so far (what the schedulers look at; nothing else). */
  async settle(): Promise<void> {
    await this.projections.settle(await this.store.headPosition(), [DEADLINES_PROJECTION]);
  }

  /**
   * Open deadlines with a rung due at or before `until` (UTC ISO), earliest first (then by key). `after` pages on:
   * only rows past that row in this order, so a scheduler walks thousands of due rungs in bounded pages.
   */
  async due(until: Date, limit: number, after?: DueCursor): Promise<DeadlineRow[]> {
    const rows = await this.readModels.db
      .selectFrom(DEADLINES_TABLE)
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_fire_at', '<=', until.toISOString())
      .$if(!!after, (q) => q.where((eb) => eb(eb.refTuple('next_fire_at', 'id'), '>', eb.tuple(after!.nextFireAt, after!.id))))
      .orderBy('next_fire_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(deadlineRowOf);
  }

  /** The registered case kinds' names, in registration order. */
  private kindNames(): CaseKind[] {
    return this.kinds.kinds.map((k) => k.kind);
  }

  /** `kind` must name a registered case kind: 400 with a detail for the field, as request validation answers. */
  private assertKind(kind: unknown): asserts kind is CaseKind | undefined {
    if (kind === undefined || (typeof kind === 'string' && this.kinds.has(kind))) return;
    throw new DomainError('VALIDATION_FAILED', 'the request is not valid', [{ field: 'kind', message: `kind must be one of the following values: ${this.kindNames().join(', ')}` }]);
  }

  /**
   * 时限清单 — open deadlines, each with its responsible unit U; `state=warned` past 80 % and not yet due,
   * `state=overdue` past due. Every caller sees the kinds and units §1 lets them read; all filtering and paging is SQL.
   */
  async list(actor: Actor, query: ListDeadlinesQuery) {
    this.assertKind(query.kind);
    const now = this.clock.now();
    const dir = this.directory.current();
    if (query.unitId && !dir.get(query.unitId)) throw new DomainError('NOT_FOUND', `unit ${query.unitId} not found`);
    const filter = query.unitId ? dir.subtree(query.unitId) : null;
    const own = unitsOf(dir, actor);
    const kinds = query.kind ? [query.kind] : this.kindNames();
    // Per kind: every deadline (office roles), those of the caller's units, or none.
    const scopes = kinds
      .map((kind) => {
        const readers = this.kinds.byKind(kind).readers;
        return { kind, units: hasRole(actor, ...(readers.roles as Role[])) ? ('all' as const) : readers.units && own.size ? [...own] : null };
      })
      .filter((s): s is { kind: CaseKind; units: 'all' | string[] } => s.units !== null);
    if (!scopes.length) throw forbidden('your role may not read these deadlines');

    const ladder = ladderDirectoryOf(dir);
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
}

const shanghai = (iso: string) => formatShanghai(new Date(iso));

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
