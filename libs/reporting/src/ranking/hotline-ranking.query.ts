import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { ReadModelDb } from '@qf/projections';
import { READ_MODEL_DB } from '@qf/platform';
import { count as n } from './ranking';
import type { RankingFigures, UnitCounts } from './ranking';
import { HOTLINE_FACTS_TABLE, HOTLINE_MONTHLY_TABLE } from './hotline-facts.projection';

/**
 * The deadline facts of `month` as they stood at `k`: the version current then (an extension recorded later had not
 * replaced it yet), its meeting or cancellation only if recorded by then.
 */
export function deadlinesKnownAt(db: ReadModelDb['db'], month: string, k: string) {
  return db
    .selectFrom(HOTLINE_FACTS_TABLE)
    .where('month', '=', month)
    .where('kind', 'in', ['deadline', 'deadline_prior'])
    .where('rec', '<=', k)
    .where((eb) => eb.or([eb('until_rec', 'is', null), eb('until_rec', '>', k)]))
    .where(sql<boolean>`not (flag = 1 and met_rec is not null and met_rec <= ${k})`);
}

/**
 * One unit's month from its counters (running or summed from facts): `unmetDue` dispatches past their sign limit
 * unsigned join the response rate's denominator, `overdue` orders missed a deadline of the month.
 */
function unitRow(r: Record<string, unknown>, unmetDue: number, overdue: number): UnitCounts {
  return {
    unitId: r.unit_id as string,
    counts: { dispatched: n(r.dispatched), replied: n(r.replied), visited: n(r.visited), overdue, reopened: n(r.reopened) },
    rates: {
      responseRate: { numerator: n(r.sign_met_in_time), denominator: n(r.sign_met) + unmetDue },
      onTimeRate: { numerator: n(r.replied_on_time), denominator: n(r.replied) },
      resolutionRate: { numerator: n(r.resolved), denominator: n(r.visited) },
      satisfactionRate: { numerator: n(r.satisfied), denominator: n(r.visited) },
    },
  };
}

/** The hotline ranking's figures per handling unit (SPEC §7), now and as known at a past moment. */
@Injectable()
export class HotlineRankingQuery implements RankingFigures {
  constructor(@Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb) {}

  /**
   * SPEC §7's hotline figures per unit for one month: the running counters of the month, plus the two figures that
   * depend on the moment — dispatches not signed yet whose sign limit has passed (they enter the response rate's
   * denominator), and orders with a deadline of the month missed by now — from partial indexes.
   */
  async counts(month: string, now: Date): Promise<UnitCounts[]> {
    const nowIso = now.toISOString();
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
      // Distinct (unit, order) pairs first, then a count per unit: the index yields them in that order, so both
      // stores drop duplicates in one pass, where count(distinct) sorted each unit's orders again (PostgreSQL).
      db
        .selectFrom((qb) =>
          qb
            .selectFrom(HOTLINE_FACTS_TABLE)
            .where('month', '=', month)
            .where(sql<boolean>`kind = 'deadline' and flag = 0 and (met_at is null or met_at > due_at)`)
            .where('due_at', '<', nowIso)
            .select(['unit_id', 'order_no'])
            .distinct()
            .as('missed'),
        )
        .select(['unit_id', sql<number>`count(*)`.as('n')])
        .groupBy('unit_id')
        .execute(),
    ]);
    const unmetBy = new Map(unmet.map((r) => [r.unit_id as string, n(r.n)]));
    const overdueBy = new Map(overdue.map((r) => [r.unit_id as string, n(r.n)]));
    return counters.map((r) => unitRow(r, unmetBy.get(r.unit_id as string) ?? 0, overdueBy.get(r.unit_id as string) ?? 0));
  }

  /**
   * SPEC §7's hotline figures as known at `k`, from the fact rows (the running counters hold what is known now and
   * cannot be wound back): facts recorded by `k`, their meeting only if recorded by `k`, and `k` as the present for
   * "its due time has passed".
   */
  async countsKnownAt(month: string, k: string): Promise<UnitCounts[]> {
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
      deadlinesKnownAt(this.readModels.db, month, k)
        .where('due_at', '<', k)
        .where(sql<boolean>`not (${met} and met_at <= due_at)`)
        .select(['unit_id', sql<number>`count(distinct order_no)`.as('n')])
        .groupBy('unit_id')
        .execute(),
    ]);
    const overdueBy = new Map(overdue.map((r) => [r.unit_id as string, n(r.n)]));
    return facts.filter((r) => n(r.dispatched) > 0).map((r) => unitRow(r, n(r.unmet_due), overdueBy.get(r.unit_id as string) ?? 0));
  }

  /** The first month with hotline facts (YYYY-MM), null before the first dispatch. */
  async firstMonth(): Promise<string | null> {
    const first = await this.readModels.db.selectFrom(HOTLINE_FACTS_TABLE).select((eb) => eb.fn.min('month').as('m')).executeTakeFirst();
    return (first?.m as string | undefined) ?? null;
  }
}
