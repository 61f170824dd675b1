import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { ReadModelDb } from '@qf/projections';
import { READ_MODEL_DB } from '@qf/platform';
import { count as n } from './ranking';
import type { RankingFigures, UnitCounts } from './ranking';
import { HOTLINE_FACTS_TABLE } from './hotline-facts.projection';
import { ESCALATION_FACTS_TABLE } from './case-facts.projection';
import { deadlinesKnownAt } from './hotline-ranking.query';

/** The supervision ranking's figures per responsible unit (SPEC §7), now and as known at a past moment. */
@Injectable()
export class SupervisionRankingQuery implements RankingFigures {
  constructor(@Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb) {}

  /**
   * Supervision figures per responsible unit for one month: its work-order deadlines falling due in the month and how
   * many were met in time (`onTimeRate`, of those met or past due), and the escalations about it fired in the month by
   * level (`lowEscalationRate` = the share that stayed at warning or level 1).
   */
  async counts(month: string, now: Date): Promise<UnitCounts[]> {
    const a = now.toISOString();
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
    return this.rows(deadlines, escalations);
  }

  /** The supervision figures of `counts` as known at `k`. */
  async countsKnownAt(month: string, k: string): Promise<UnitCounts[]> {
    const met = sql`(met_at is not null and met_rec <= ${k})`;
    const deadlines = await deadlinesKnownAt(this.readModels.db, month, k)
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
    return this.rows(deadlines, escalations);
  }

  private rows(deadlines: Array<Record<string, unknown>>, escalations: Array<Record<string, unknown>>): UnitCounts[] {
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
}
