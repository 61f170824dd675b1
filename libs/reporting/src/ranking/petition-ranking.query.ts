import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { ReadModelDb } from '@qf/projections';
import { READ_MODEL_DB } from '@qf/platform';
import { count as n } from './ranking';
import type { RankingFigures, UnitCounts } from './ranking';
import { PETITION_FACTS_TABLE } from './case-facts.projection';

/** The petition ranking's figures per handling unit (SPEC §7), now and as known at a past moment. */
@Injectable()
export class PetitionRankingQuery implements RankingFigures {
  constructor(@Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb) {}

  /**
   * Petition figures per handling unit for one month (SPEC §7, our reading in docs/decisions.md): `acceptOnTimeRate`
   * — petitions assigned in the month whose 告知受理 was in time, of those accepted/rejected or past due;
   * `handleOnTimeRate` — replies in the month within the handle limit; `closeRate` — petitions assigned in the month
   * that are closed (or not accepted) by now.
   */
  async counts(month: string, now: Date): Promise<UnitCounts[]> {
    const a = now.toISOString();
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
    return this.rows(assigned, replied);
  }

  /** The petition figures of `counts` as known at `k` (record times beside each column; the handle limit before an extension recorded later). */
  async countsKnownAt(month: string, k: string): Promise<UnitCounts[]> {
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
    return this.rows(assigned, replied);
  }

  /** One row per unit with petitions assigned in the month, its replies of the month beside them. */
  private rows(assigned: Array<Record<string, unknown>>, replied: Array<Record<string, unknown>>): UnitCounts[] {
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
}
