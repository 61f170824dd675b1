import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { v5 as uuidv5 } from 'uuid';
import { EventStore, WrongExpectedRevisionError } from '@qf/event-store';
import type { ReadModelDb } from '@qf/projections';
import {
  CASE_KINDS,
  CLOCK,
  Clock,
  CommandContext,
  DomainError,
  EVENT_STORE,
  ProjectionsService,
  READ_MODEL_DB,
  SYSTEM_ACTOR,
  ZONE,
  execute,
  formatShanghai,
  load,
} from '@qf/platform';
import { DirectoryService } from '@qf/directory';
import type { CaseKindRegistry } from '@qf/contracts';
import { HOTLINE_FACTS_TABLE, HOTLINE_MONTHLY_TABLE, hotlineFactsProjection } from './hotline-facts.projection';
import { ESCALATION_FACTS_TABLE, PETITION_FACTS_TABLE, escalationFactsProjection, petitionFactsProjection } from './case-facts.projection';
import { DEFAULT_LIST_SIZE, DEFAULT_WEIGHTS, RankedRow, RankingKind, UnitCounts, Weights, rankUnits, topAndBottom } from './ranking';

export const RANKING_CONFIG_STREAM = 'ranking-config';
export const publishedStream = (kind: RankingKind, month: string) => `ranking-${kind}-${month}`;

export interface RankingReport {
  kind: RankingKind;
  month: string;
  published: boolean;
  /** When the figures were computed (the publication time for a published ranking; `knownAt` when given). */
  generatedAt: string;
  /** Present on a live ranking asked for as known at a moment: only events recorded by then counted (SPEC §3). */
  knownAt?: string;
  weights: Weights;
  rows: RankedRow[];
  top: ReturnType<typeof topAndBottom>['top'];
  bottom: ReturnType<typeof topAndBottom>['bottom'];
}

type ConfigEvent = { type: 'RankingConfigured'; data: { kind: RankingKind; weights: Weights; listSize: number } };
type RankingConfig = Record<RankingKind, { weights: Weights; listSize: number }>;
const initialConfig = (): RankingConfig => ({
  hotline: { weights: DEFAULT_WEIGHTS.hotline, listSize: DEFAULT_LIST_SIZE },
  petition: { weights: DEFAULT_WEIGHTS.petition, listSize: DEFAULT_LIST_SIZE },
  supervision: { weights: DEFAULT_WEIGHTS.supervision, listSize: DEFAULT_LIST_SIZE },
});
const configAggregate = {
  initialState: initialConfig,
  evolve: (s: RankingConfig, e: ConfigEvent) => (e.type === 'RankingConfigured' ? { ...s, [e.data.kind]: { weights: e.data.weights, listSize: e.data.listSize } } : s),
};

/** The month before `month` (YYYY-MM). */
export const previousMonth = (month: string) => DateTime.fromISO(`${month}-01`, { zone: ZONE }).minus({ months: 1 }).toFormat('yyyy-MM');

/** When `month`'s ranking is published: 02:00 Asia/Shanghai on the 1st of the next month. */
export const publicationTime = (month: string) => DateTime.fromISO(`${month}-01T02:00:00`, { zone: ZONE }).plus({ months: 1 }).toJSDate();

/**
 * 每月一排名: the live ranking of a month from the facts read model, its publication as an event (frozen, served
 * unchanged), and the admin's weights (SPEC §7).
 */
@Injectable()
export class RankingService implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
    @Inject(CASE_KINDS) private readonly kinds: CaseKindRegistry,
  ) {}

  onModuleInit(): void {
    this.projections.register(hotlineFactsProjection(this.kinds));
    this.projections.register(petitionFactsProjection(this.kinds));
    this.projections.register(escalationFactsProjection);
  }

  now(): Date {
    return this.clock.now();
  }

  /** The weights and list sizes, as configured now or as known at `knownAt`. */
  async config(knownAt?: Date): Promise<RankingConfig> {
    return (await load(this.store, RANKING_CONFIG_STREAM, configAggregate, knownAt ? { recordedUntil: knownAt } : undefined)).state;
  }

  async configure(kind: RankingKind, weights: Weights, listSize: number, ctx: CommandContext) {
    const known = Object.keys(DEFAULT_WEIGHTS[kind]);
    const unknown = Object.keys(weights).filter((k) => !known.includes(k));
    if (unknown.length) throw new DomainError('VALIDATION_FAILED', `unknown rates for ${kind}: ${unknown.join(', ')}`, unknown.map((field) => ({ field: `weights.${field}`, message: `not a ${kind} rate (${known.join(', ')})` })));
    const full = Object.fromEntries(known.map((k) => [k, weights[k] ?? 0]));
    if (!Object.values(full).some((w) => w > 0)) throw new DomainError('RULE_VIOLATION', 'at least one weight must be above 0');
    await execute(this.store, RANKING_CONFIG_STREAM, configAggregate, { ...ctx, expectedVersion: undefined }, () => ({
      events: [{ type: 'RankingConfigured', data: { kind, weights: full, listSize } } as ConfigEvent],
    }));
    return (await this.config())[kind];
  }

  /**
   * The ranking of `month`: published (frozen) or live at the clock's now — or, with `knownAt`, from the events
   * recorded by then only (a `knownAt` after now means now), so that answer never changes. A published ranking is
   * served only if it was published by `knownAt`.
   */
  async ranking(kind: RankingKind, month: string, published: boolean, knownAtText?: string): Promise<RankingReport> {
    const now = this.clock.now();
    const knownAt = knownAtText ? new Date(Math.min(Date.parse(knownAtText), now.getTime())) : undefined;
    if (published) {
      const frozen = await this.published(kind, month, knownAt);
      if (!frozen) {
        const when = knownAt ? ` by ${formatShanghai(knownAt)}` : ' yet';
        throw new DomainError('NOT_FOUND', `the ${kind} ranking of ${month} was not published${when} (it is published at ${formatShanghai(publicationTime(month))})`);
      }
      return frozen;
    }
    return knownAt ? this.live(kind, month, knownAt, true, knownAt) : this.live(kind, month, now);
  }

  /** The frozen ranking of `month`, if it was published (by `knownAt`, when given). */
  async published(kind: RankingKind, month: string, knownAt?: Date): Promise<RankingReport | null> {
    const events = await this.store.readStream(publishedStream(kind, month), knownAt ? { recordedUntil: knownAt } : undefined);
    return events.length ? ({ ...(events[0].data as RankingReport), published: true } as RankingReport) : null;
  }

  /**
   * The live ranking at `now`; with `knownAt` (then `now` is knownAt, the present as known then) from the fact rows
   * recorded by then, with the weights configured by then, and previous ranks from the previous month's ranking as
   * published by then, else its live ranking as known then.
   */
  private async live(kind: RankingKind, month: string, now: Date, withPrevious = true, knownAt?: Date): Promise<RankingReport> {
    const config = (await this.config(knownAt))[kind];
    const counts = knownAt ? await this.countsKnownAt(kind, month, knownAt) : await this.countsFor(kind, month, now);
    const previous = new Map<string, number | null>();
    if (withPrevious) {
      const prior = previousMonth(month);
      const before = (await this.published(kind, prior, knownAt)) ?? (await this.live(kind, prior, now, false, knownAt));
      for (const r of before.rows) previous.set(r.unitId, r.rank);
    }
    const dir = this.directory.current();
    const rows = rankUnits(counts, config.weights, previous, (id) => dir.get(id)?.name ?? id);
    return {
      kind,
      month,
      published: false,
      generatedAt: formatShanghai(now),
      ...(knownAt ? { knownAt: formatShanghai(knownAt) } : {}),
      weights: config.weights,
      rows,
      ...topAndBottom(rows, config.listSize),
    };
  }

  private async countsFor(kind: RankingKind, month: string, now: Date): Promise<UnitCounts[]> {
    if (kind === 'hotline') return this.hotlineCounts(month, now);
    if (kind === 'petition') return this.petitionCounts(month, now);
    return this.supervisionCounts(month, now);
  }

  private async countsKnownAt(kind: RankingKind, month: string, knownAt: Date): Promise<UnitCounts[]> {
    const k = knownAt.toISOString();
    if (kind === 'hotline') return this.hotlineCountsKnownAt(month, k);
    if (kind === 'petition') return this.petitionCountsKnownAt(month, k);
    return this.supervisionCountsKnownAt(month, k);
  }

  /**
   * The deadline facts of `month` as they stood at `k`: the version current then (an extension recorded later had not
   * replaced it yet), its meeting or cancellation only if recorded by then.
   */
  private deadlinesKnownAt(month: string, k: string) {
    return this.readModels.db
      .selectFrom(HOTLINE_FACTS_TABLE)
      .where('month', '=', month)
      .where('kind', 'in', ['deadline', 'deadline_prior'])
      .where('rec', '<=', k)
      .where((eb) => eb.or([eb('until_rec', 'is', null), eb('until_rec', '>', k)]))
      .where(sql<boolean>`not (flag = 1 and met_rec is not null and met_rec <= ${k})`);
  }

  /**
   * SPEC §7's hotline figures as known at `k`, from the fact rows (the running counters hold what is known now and
   * cannot be wound back): facts recorded by `k`, their meeting only if recorded by `k`, and `k` as the present for
   * "its due time has passed".
   */
  async hotlineCountsKnownAt(month: string, k: string): Promise<UnitCounts[]> {
    const n = (x: unknown) => Number(x ?? 0);
    const met = sql`(met_at is not null and met_rec <= ${k})`;
    const [facts, overdue] = await Promise.all([
      this.readModels.db
        .selectFrom(HOTLINE_FACTS_TABLE)
        .where('month', '=', month)
        .where('kind', 'in', ['dispatch', 'reply', 'visit', 'reopen'])
        .where('rec', '<=', k)
        .select([
          'unit_id',
          sql<number>`sum(case when kind = 'dispatch' then 1 else 0 end)`.as('dispatched'),
          sql<number>`sum(case when kind = 'dispatch' and ${met} then 1 else 0 end)`.as('sign_met'),
          sql<number>`sum(case when kind = 'dispatch' and ${met} and met_at <= due_at then 1 else 0 end)`.as('sign_met_in_time'),
          sql<number>`sum(case when kind = 'dispatch' and not ${met} and due_at < ${k} then 1 else 0 end)`.as('unmet_due'),
          sql<number>`sum(case when kind = 'reply' then 1 else 0 end)`.as('replied'),
          sql<number>`sum(case when kind = 'reply' then flag else 0 end)`.as('replied_on_time'),
          sql<number>`sum(case when kind = 'visit' then 1 else 0 end)`.as('visited'),
          sql<number>`sum(case when kind = 'visit' then flag else 0 end)`.as('resolved'),
          sql<number>`sum(case when kind = 'visit' then flag2 else 0 end)`.as('satisfied'),
          sql<number>`sum(case when kind = 'reopen' then 1 else 0 end)`.as('reopened'),
        ])
        .groupBy('unit_id')
        .execute(),
      this.deadlinesKnownAt(month, k)
        .where('due_at', '<', k)
        .where(sql<boolean>`not (${met} and met_at <= due_at)`)
        .select(['unit_id', sql<number>`count(distinct order_no)`.as('n')])
        .groupBy('unit_id')
        .execute(),
    ]);
    const overdueBy = new Map(overdue.map((r) => [r.unit_id as string, n(r.n)]));
    return facts
      .filter((r) => n(r.dispatched) > 0)
      .map((r) => {
        const unitId = r.unit_id as string;
        return {
          unitId,
          counts: { dispatched: n(r.dispatched), replied: n(r.replied), visited: n(r.visited), overdue: overdueBy.get(unitId) ?? 0, reopened: n(r.reopened) },
          rates: {
            responseRate: { numerator: n(r.sign_met_in_time), denominator: n(r.sign_met) + n(r.unmet_due) },
            onTimeRate: { numerator: n(r.replied_on_time), denominator: n(r.replied) },
            resolutionRate: { numerator: n(r.resolved), denominator: n(r.visited) },
            satisfactionRate: { numerator: n(r.satisfied), denominator: n(r.visited) },
          },
        };
      });
  }

  /** The petition figures of `petitionCounts` as known at `k` (record times beside each column; the handle limit before an extension recorded later). */
  async petitionCountsKnownAt(month: string, k: string): Promise<UnitCounts[]> {
    const n = (x: unknown) => Number(x ?? 0);
    const acceptMet = sql`(accept_met is not null and accept_met_rec <= ${k})`;
    const handleDue = sql`(case when handle_due_rec <= ${k} then handle_due else handle_due0 end)`;
    const handleMet = sql`(handle_met is not null and handle_met_rec <= ${k})`;
    const assigned = await this.readModels.db
      .selectFrom(PETITION_FACTS_TABLE)
      .where('assigned_month', '=', month)
      .where('unit_id', 'is not', null)
      .where('assigned_rec', '<=', k)
      .select([
        'unit_id',
        sql<number>`count(*)`.as('assigned'),
        sql<number>`sum(case when ${acceptMet} or accept_due < ${k} then 1 else 0 end)`.as('accept_den'),
        sql<number>`sum(case when ${acceptMet} and accept_met <= accept_due then 1 else 0 end)`.as('accept_num'),
        sql<number>`sum(case when closed_at is not null and closed_rec <= ${k} then 1 else 0 end)`.as('closed'),
        sql<number>`sum(case when (accept_due < ${k} and not (${acceptMet} and accept_met <= accept_due)) or (handle_rec <= ${k} and ${handleDue} < ${k} and not (${handleMet} and handle_met <= ${handleDue})) then 1 else 0 end)`.as('overdue'),
      ])
      .groupBy('unit_id')
      .execute();
    const replied = await this.readModels.db
      .selectFrom(PETITION_FACTS_TABLE)
      .where('replied_month', '=', month)
      .where('unit_id', 'is not', null)
      .where('replied_rec', '<=', k)
      .select(['unit_id', sql<number>`count(*)`.as('replied'), sql<number>`sum(case when handle_on_time = 1 then 1 else 0 end)`.as('on_time')])
      .groupBy('unit_id')
      .execute();
    const repliedBy = new Map(replied.map((r) => [r.unit_id as string, r]));
    return assigned.map((r) => {
      const rep = repliedBy.get(r.unit_id as string);
      return {
        unitId: r.unit_id as string,
        counts: { assigned: n(r.assigned), replied: n(rep?.replied), closed: n(r.closed), overdue: n(r.overdue) },
        rates: {
          acceptOnTimeRate: { numerator: n(r.accept_num), denominator: n(r.accept_den) },
          handleOnTimeRate: { numerator: n(rep?.on_time), denominator: n(rep?.replied) },
          closeRate: { numerator: n(r.closed), denominator: n(r.assigned) },
        },
      };
    });
  }

  /** The supervision figures of `supervisionCounts` as known at `k`. */
  async supervisionCountsKnownAt(month: string, k: string): Promise<UnitCounts[]> {
    const n = (x: unknown) => Number(x ?? 0);
    const met = sql`(met_at is not null and met_rec <= ${k})`;
    const deadlines = await this.deadlinesKnownAt(month, k)
      .select([
        'unit_id',
        sql<number>`sum(case when ${met} or due_at < ${k} then 1 else 0 end)`.as('due'),
        sql<number>`sum(case when ${met} and met_at <= due_at then 1 else 0 end)`.as('met'),
        sql<number>`sum(case when due_at < ${k} and not (${met} and met_at <= due_at) then 1 else 0 end)`.as('overdue'),
      ])
      .groupBy('unit_id')
      .execute();
    const escalations = await this.readModels.db
      .selectFrom(ESCALATION_FACTS_TABLE)
      .where('month', '=', month)
      .where('rec', '<=', k)
      .select([
        'unit_id',
        sql<number>`sum(case when level = 0 then 1 else 0 end)`.as('l0'),
        sql<number>`sum(case when level = 1 then 1 else 0 end)`.as('l1'),
        sql<number>`sum(case when level = 2 then 1 else 0 end)`.as('l2'),
        sql<number>`sum(case when level = 3 then 1 else 0 end)`.as('l3'),
      ])
      .groupBy('unit_id')
      .execute();
    return this.supervisionRows(deadlines, escalations);
  }

  /**
   * Petition figures per handling unit for one month (SPEC §7, our reading in docs/decisions.md): `acceptOnTimeRate`
   * — petitions assigned in the month whose 告知受理 was in time, of those accepted/rejected or past due;
   * `handleOnTimeRate` — replies in the month within the handle limit; `closeRate` — petitions assigned in the month
   * that are closed (or not accepted) by now.
   */
  async petitionCounts(month: string, now: Date): Promise<UnitCounts[]> {
    const a = now.toISOString();
    const n = (x: unknown) => Number(x ?? 0);
    const assigned = await this.readModels.db
      .selectFrom(PETITION_FACTS_TABLE)
      .where('assigned_month', '=', month)
      .where('unit_id', 'is not', null)
      .select([
        'unit_id',
        sql<number>`count(*)`.as('assigned'),
        sql<number>`sum(case when (accept_met is not null and accept_met <= ${a}) or accept_due < ${a} then 1 else 0 end)`.as('accept_den'),
        sql<number>`sum(case when accept_met is not null and accept_met <= ${a} and accept_met <= accept_due then 1 else 0 end)`.as('accept_num'),
        sql<number>`sum(case when closed_at is not null and closed_at <= ${a} then 1 else 0 end)`.as('closed'),
        sql<number>`sum(case when (accept_due < ${a} and (accept_met is null or accept_met > accept_due)) or (handle_due < ${a} and (handle_met is null or handle_met > handle_due)) then 1 else 0 end)`.as('overdue'),
      ])
      .groupBy('unit_id')
      .execute();
    const replied = await this.readModels.db
      .selectFrom(PETITION_FACTS_TABLE)
      .where('replied_month', '=', month)
      .where('unit_id', 'is not', null)
      .select(['unit_id', sql<number>`count(*)`.as('replied'), sql<number>`sum(case when handle_on_time = 1 then 1 else 0 end)`.as('on_time')])
      .groupBy('unit_id')
      .execute();
    const repliedBy = new Map(replied.map((r) => [r.unit_id as string, r]));
    return assigned.map((r) => {
      const rep = repliedBy.get(r.unit_id as string);
      return {
        unitId: r.unit_id as string,
        counts: { assigned: n(r.assigned), replied: n(rep?.replied), closed: n(r.closed), overdue: n(r.overdue) },
        rates: {
          acceptOnTimeRate: { numerator: n(r.accept_num), denominator: n(r.accept_den) },
          handleOnTimeRate: { numerator: n(rep?.on_time), denominator: n(rep?.replied) },
          closeRate: { numerator: n(r.closed), denominator: n(r.assigned) },
        },
      };
    });
  }

  /**
   * Supervision figures per responsible unit for one month: its work-order deadlines falling due in the month and how
   * many were met in time (`onTimeRate`, of those met or past due), and the escalations about it fired in the month by
   * level (`lowEscalationRate` = the share that stayed at warning or level 1).
   */
  async supervisionCounts(month: string, now: Date): Promise<UnitCounts[]> {
    const a = now.toISOString();
    const n = (x: unknown) => Number(x ?? 0);
    const deadlines = await this.readModels.db
      .selectFrom(HOTLINE_FACTS_TABLE)
      .where('month', '=', month)
      .where('kind', '=', 'deadline')
      .where('flag', '=', 0)
      .select([
        'unit_id',
        sql<number>`sum(case when (met_at is not null and met_at <= ${a}) or due_at < ${a} then 1 else 0 end)`.as('due'),
        sql<number>`sum(case when met_at is not null and met_at <= ${a} and met_at <= due_at then 1 else 0 end)`.as('met'),
        sql<number>`sum(case when due_at < ${a} and (met_at is null or met_at > due_at) then 1 else 0 end)`.as('overdue'),
      ])
      .groupBy('unit_id')
      .execute();
    const escalations = await this.readModels.db
      .selectFrom(ESCALATION_FACTS_TABLE)
      .where('month', '=', month)
      .select([
        'unit_id',
        sql<number>`sum(case when level = 0 then 1 else 0 end)`.as('l0'),
        sql<number>`sum(case when level = 1 then 1 else 0 end)`.as('l1'),
        sql<number>`sum(case when level = 2 then 1 else 0 end)`.as('l2'),
        sql<number>`sum(case when level = 3 then 1 else 0 end)`.as('l3'),
      ])
      .groupBy('unit_id')
      .execute();
    return this.supervisionRows(deadlines, escalations);
  }

  private supervisionRows(deadlines: Array<Record<string, unknown>>, escalations: Array<Record<string, unknown>>): UnitCounts[] {
    const n = (x: unknown) => Number(x ?? 0);
    const units = new Set([...deadlines.map((d) => d.unit_id as string), ...escalations.map((e) => e.unit_id as string)]);
    const dl = new Map(deadlines.map((d) => [d.unit_id as string, d]));
    const es = new Map(escalations.map((e) => [e.unit_id as string, e]));
    return [...units].map((unitId) => {
      const d = dl.get(unitId);
      const e = es.get(unitId);
      const total = n(e?.l0) + n(e?.l1) + n(e?.l2) + n(e?.l3);
      return {
        unitId,
        counts: { deadlinesDue: n(d?.due), overdue: n(d?.overdue), warnings: n(e?.l0), level1: n(e?.l1), level2: n(e?.l2), level3: n(e?.l3) },
        rates: {
          onTimeRate: { numerator: n(d?.met), denominator: n(d?.due) },
          lowEscalationRate: { numerator: n(e?.l0) + n(e?.l1), denominator: total },
        },
      };
    });
  }

  /**
   * SPEC §7's hotline figures per unit for one month: the running counters of the month, plus the two figures that
   * depend on the moment — dispatches not signed yet whose sign limit has passed (they enter the response rate's
   * denominator), and orders with a deadline of the month missed by now — from partial indexes.
   */
  async hotlineCounts(month: string, now: Date): Promise<UnitCounts[]> {
    const nowIso = now.toISOString();
    const n = (x: unknown) => Number(x ?? 0);
    const db = this.readModels.db;
    const [counters, unmet, overdue] = await Promise.all([
      db.selectFrom(HOTLINE_MONTHLY_TABLE).selectAll().where('month', '=', month).where('dispatched', '>', 0).execute(),
      db
        .selectFrom(HOTLINE_FACTS_TABLE)
        .where('month', '=', month)
        // Literal terms, so SQLite can match them to the partial index (it cannot with bound parameters).
        .where(sql<boolean>`kind = 'dispatch' and met_at is null`)
        .where('due_at', '<', nowIso)
        .select(['unit_id', sql<number>`count(*)`.as('n')])
        .groupBy('unit_id')
        .execute(),
      db
        .selectFrom(HOTLINE_FACTS_TABLE)
        .where('month', '=', month)
        .where(sql<boolean>`kind = 'deadline' and flag = 0 and (met_at is null or met_at > due_at)`)
        .where('due_at', '<', nowIso)
        .select(['unit_id', sql<number>`count(distinct order_no)`.as('n')])
        .groupBy('unit_id')
        .execute(),
    ]);
    const unmetBy = new Map(unmet.map((r) => [r.unit_id as string, n(r.n)]));
    const overdueBy = new Map(overdue.map((r) => [r.unit_id as string, n(r.n)]));
    return counters.map((r) => {
      const unitId = r.unit_id as string;
      return {
        unitId,
        counts: { dispatched: n(r.dispatched), replied: n(r.replied), visited: n(r.visited), overdue: overdueBy.get(unitId) ?? 0, reopened: n(r.reopened) },
        rates: {
          responseRate: { numerator: n(r.sign_met_in_time), denominator: n(r.sign_met) + (unmetBy.get(unitId) ?? 0) },
          onTimeRate: { numerator: n(r.replied_on_time), denominator: n(r.replied) },
          resolutionRate: { numerator: n(r.resolved), denominator: n(r.visited) },
          satisfactionRate: { numerator: n(r.satisfied), denominator: n(r.visited) },
        },
      };
    });
  }

  /**
   * Freezes `month`'s ranking as an event (once: the stream must not exist). Returns false when it was already
   * published — by this process earlier, or by another one.
   */
  async publish(kind: RankingKind, month: string): Promise<boolean> {
    await this.projections.settle(await this.store.headPosition());
    const now = this.clock.now();
    const report = await this.live(kind, month, now);
    const streamId = publishedStream(kind, month);
    try {
      await this.store.append(
        streamId,
        [
          {
            id: uuidv5(`${streamId}:published`, '0b7d5a8e-6a43-4f36-9c84-2f1f7f3f5a10'),
            type: 'RankingPublished',
            data: { ...report, published: true },
            metadata: { occurredAt: formatShanghai(now), recordedAt: formatShanghai(now), actor: SYSTEM_ACTOR, correlationId: `publish:${streamId}`, causationId: null },
          },
        ],
        'no_stream',
      );
      return true;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return false;
      throw error;
    }
  }

  /** Every month whose publication time has come and that is not published yet (from the first month with facts). */
  async monthsDue(kind: RankingKind, now: Date): Promise<string[]> {
    if (kind !== 'hotline') return [];
    const first = await this.readModels.db.selectFrom(HOTLINE_FACTS_TABLE).select((eb) => eb.fn.min('month').as('m')).executeTakeFirst();
    if (!first?.m) return [];
    const due: string[] = [];
    for (let m = first.m as string; publicationTime(m).getTime() <= now.getTime(); m = DateTime.fromISO(`${m}-01`, { zone: ZONE }).plus({ months: 1 }).toFormat('yyyy-MM')) {
      if ((await this.store.readStream(publishedStream(kind, m), { toRevision: 0 })).length === 0) due.push(m);
    }
    return due;
  }
}
