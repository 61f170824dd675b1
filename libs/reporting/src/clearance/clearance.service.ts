import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { sql } from 'kysely';
import type { ReadModelDb } from '@qf/projections';
import { Actor, CASE_KINDS, CLOCK, Clock, DomainError, ProjectionsService, READ_MODEL_DB, Role, formatShanghai, hasRole } from '@qf/platform';
import { DirectoryService } from '@qf/directory';
import type { CaseKindRegistry } from '@qf/contracts';
import { CampaignsService } from './campaigns.service';
import { DateTime } from 'luxon';
import { CLEARANCE_CASES_TABLE, CLEARANCE_CELLS_TABLE, CLEARANCE_LATENT_TABLE, CLEARANCE_OVERDUE_TABLE, CLEARANCE_UNITS_TABLE, clearanceFactsProjection, dayOf } from './clearance-facts.projection';

/** The Asia/Shanghai midnight nearest to `t` (UTC ISO in, UTC ISO out): where the clearance's day cells are exact. */
function nearestMidnight(t: string): string {
  const at = DateTime.fromISO(t, { zone: 'Asia/Shanghai' });
  const start = at.startOf('day');
  const next = start.plus({ days: 1 });
  return (at.toMillis() - start.toMillis() <= next.toMillis() - at.toMillis() ? start : next).toUTC().toISO()!;
}

export interface StockFigures {
  total: number;
  cleared: number;
  remaining: number;
  rate: number;
}
export interface IncrementFigures {
  received: number;
  cleared: number;
  clearedOnTime: number;
  open: number;
  overdue: number;
}
export interface ClearanceFigures {
  stock: StockFigures;
  increment: IncrementFigures;
  achieved: { stockCleared: boolean; incrementCleared: boolean };
}
export interface ClearanceReport {
  campaignId: string;
  asOf: string;
  /** Present when the caller asked for it: only events recorded by then counted (SPEC §3). */
  knownAt?: string;
  totals: ClearanceFigures;
  units: Array<{ unitId: string; unitName: string } & ClearanceFigures>;
}

/**
 * What of a clearance a caller may read (SPEC §1, §6, §8): the units, and the case kinds counted and listed. Every
 * figure (JSON, CSV, 汇总) and the 台账 are computed under it, so they cannot disagree on what is shown.
 */
export interface ClearanceScope {
  /** Roots of the subtrees the caller may read; absent: the whole district. */
  units?: string[];
  /** Kinds left out of every figure and of the ledger: clues, for whoever may not read them (SPEC §3.3). */
  hiddenKinds: string[];
  /** Kinds counted in the figures but never listed case by case: clues for the leader (statistics, no clue contents). */
  unlistedKinds: string[];
}

type Counts = { stockTotal: number; stockCleared: number; incReceived: number; incCleared: number; incOnTime: number; incOpen: number; incOverdue: number };
const zero = (): Counts => ({ stockTotal: 0, stockCleared: 0, incReceived: 0, incCleared: 0, incOnTime: 0, incOpen: 0, incOverdue: 0 });
const add = (a: Counts, b: Counts): Counts => Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof Counts] + b[k as keyof Counts]])) as Counts;

function figures(c: Counts): ClearanceFigures {
  const remaining = c.stockTotal - c.stockCleared;
  return {
    stock: { total: c.stockTotal, cleared: c.stockCleared, remaining, rate: c.stockTotal === 0 ? 1 : Math.round((c.stockCleared / c.stockTotal) * 10_000) / 10_000 },
    increment: { received: c.incReceived, cleared: c.incCleared, clearedOnTime: c.incOnTime, open: c.incOpen, overdue: c.incOverdue },
    achieved: { stockCleared: remaining === 0, incrementCleared: c.incOverdue === 0 && c.incCleared === c.incOnTime },
  };
}

/**
 * 存量清零、增量随清 (SPEC §6): a campaign's clearance for any `asOf` (as known at any `knownAt`) from the clearance
 * read model — the figures per unit and in total, and the case ledger that reconciles with them.
 */
@Injectable()
export class ClearanceService implements OnModuleInit {
  constructor(
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
    private readonly campaigns: CampaignsService,
    @Inject(CASE_KINDS) private readonly kinds: CaseKindRegistry,
  ) {}

  onModuleInit(): void {
    this.projections.register(clearanceFactsProjection(this.kinds));
  }

  /**
   * What `actor` may read of a clearance. Units: leaders and admins the whole district, a supervisor their unit's
   * subtree; a supervisor without a unit has no subtree and is refused, never widened to everything. Kinds: a kind read
   * by named roles only (its readers are not units: clues) counts only for a holder of one of those roles — except that
   * the leader, who reads statistics, keeps its counts without its cases being listed (docs/decisions.md).
   */
  scopeOf(actor: Actor): ClearanceScope {
    const leader = hasRole(actor, 'leader');
    const district = leader || hasRole(actor, 'admin');
    if (!district && !actor.unitId) throw new DomainError('FORBIDDEN', 'a supervisor without a unit may not read clearance');
    const confined = this.kinds.kinds.filter((k) => !k.readers.units && !hasRole(actor, ...(k.readers.roles as Role[]))).map((k) => k.kind);
    return {
      ...(district ? {} : { units: [actor.unitId!] }),
      hiddenKinds: leader ? [] : confined,
      unlistedKinds: leader ? confined : [],
    };
  }

  /**
   * The clearance of a campaign at `asOf` (default now): only events that happened by `asOf` count, so the answer
   * for a past moment stays the same when later events arrive. Each case counts for the unit handling it at `asOf`.
   * Without a scope (the suites, the bench) every unit and kind counts; a route always passes the caller's.
   */
  async clearance(id: string, asOfText?: string, scope?: ClearanceScope, knownAtText?: string): Promise<ClearanceReport> {
    const knownAt = this.knownAt(knownAtText);
    const campaign = await this.campaigns.get(id, knownAt);
    const asOf = asOfText ? new Date(asOfText) : this.clock.now();
    if (asOf.getTime() < Date.parse(campaign.baselineAt)) throw new DomainError('RULE_VIOLATION', `asOf is before the campaign's baseline (${campaign.baselineAt})`);
    const a = asOf.toISOString();
    const base = new Date(campaign.baselineAt).toISOString();
    const kinds = campaign.kinds.filter((k) => !scope?.hiddenKinds.includes(k));
    const rows = kinds.length === 0 ? [] : knownAt ? await this.countsKnownAt(kinds, a, base, knownAt.toISOString()) : await this.countsNow(kinds, a, base);
    const attribute = this.attribution(campaign.unitIds, scope?.units);
    const byUnit = new Map<string, Counts>();
    for (const r of rows) {
      const unitId = attribute(r.kind as string, r.unit as string | null);
      if (unitId === null) continue;
      const n = (k: string) => Number(r[k] ?? 0);
      // Open increment = received − cleared by asOf (both counted up to asOf).
      const c: Counts = { stockTotal: n('stock_total'), stockCleared: n('stock_cleared'), incReceived: n('inc_received'), incCleared: n('inc_cleared'), incOnTime: n('inc_on_time'), incOpen: n('inc_received') - n('inc_cleared'), incOverdue: n('inc_overdue') };
      byUnit.set(unitId, add(byUnit.get(unitId) ?? zero(), c));
    }
    const dir = this.directory.current();
    const units = [...byUnit.entries()]
      .filter(([, c]) => c.stockTotal > 0 || c.incReceived > 0)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([unitId, c]) => ({ unitId, unitName: dir.get(unitId)?.name ?? unitId, ...figures(c) }));
    const total = [...byUnit.values()].reduce(add, zero());
    return { campaignId: id, asOf: formatShanghai(asOf), ...(knownAt ? { knownAt: formatShanghai(knownAt) } : {}), totals: figures(total), units };
  }

  /**
   * `knownAt` as the queries use it: a time in the clock's future means "everything recorded so far" (the clock's now),
   * as for a case detail — nothing can have been recorded after now.
   */
  private knownAt(knownAtText?: string): Date | null {
    if (!knownAtText) return null;
    const now = this.clock.now();
    const k = new Date(knownAtText);
    return k.getTime() > now.getTime() ? now : k;
  }

  /**
   * The unit a row counts for — an unassigned petition for the petitions bureau, a clue for the discipline unit — or
   * null when it is outside the campaign's units or the caller's subtree. The summary and the ledger both use it, so
   * they reconcile unit by unit.
   */
  private attribution(campaignUnits: string[] | null, restrictTo?: string[]): (kind: string, unit: string | null) => string | null {
    const dir = this.directory.current();
    const bureau = dir.petitionsBureau()?.id ?? dir.root()?.id ?? '';
    const discipline = dir.disciplineUnit()?.id ?? dir.root()?.id ?? '';
    const scopes = [campaignUnits, restrictTo].filter((s): s is string[] => !!s);
    return (kind, unit) => {
      const unitId = unit || (kind === 'clue' ? discipline : bureau);
      return scopes.every((roots) => roots.some((root) => dir.isInSubtree(unitId, root))) ? unitId : null;
    };
  }

  /**
   * As known at `k` (SPEC §3): only facts whose event was recorded by `k` — receipts, clearances, unit changes, the
   * start and end of each overdue interval — case by case from the rows. The day cells hold the cases' final
   * receipt and clearance days and cannot tell what was known earlier, so they are not read here.
   */
  private async countsKnownAt(kinds: string[], a: string, base: string, k: string): Promise<Record<string, unknown>[]> {
    const db = this.readModels.db;
    const cleared = (t: string) => sql`(c.cleared_at is not null and c.cleared_at <= ${t} and c.cleared_rec <= ${k})`;
    const unitAtAsOf = sql`case when c.unit_changed = 1 then (select u.unit_id from ${sql.table(CLEARANCE_UNITS_TABLE)} u where u.case_key = c.id and u.from_at <= ${a} and u.from_rec <= ${k} order by u.from_at desc limit 1) else c.unit_id end`;
    const cases = sql<Record<string, unknown>>`
      select c.kind as kind, ${unitAtAsOf} as unit,
        sum(case when c.received_at < ${base} and not ${cleared(base)} then 1 else 0 end) as stock_total,
        sum(case when c.received_at < ${base} and not ${cleared(base)} and ${cleared(a)} then 1 else 0 end) as stock_cleared,
        sum(case when c.received_at >= ${base} then 1 else 0 end) as inc_received,
        sum(case when c.received_at >= ${base} and ${cleared(a)} then 1 else 0 end) as inc_cleared,
        sum(case when c.received_at >= ${base} and ${cleared(a)} and c.on_time = 1 then 1 else 0 end) as inc_on_time
      from ${sql.table(CLEARANCE_CASES_TABLE)} c
      where c.kind in (${sql.join(kinds)}) and c.received_at <= ${a} and c.received_rec <= ${k}
      group by c.kind, unit`.execute(db);
    const overdue = sql<Record<string, unknown>>`
      select x.kind as kind, x.unit as unit, count(distinct x.case_key) as inc_overdue
      from (${this.overdueKnownAt(CLEARANCE_OVERDUE_TABLE, kinds, a, base, k)} union all ${this.overdueKnownAt(CLEARANCE_LATENT_TABLE, kinds, a, base, k)}) x
      group by x.kind, x.unit`.execute(db);
    return [...(await cases).rows, ...(await overdue).rows];
  }

  /** Open increment cases in a deadline version's overdue interval at `a` as known at `k`: its start known, its end not (yet). */
  private overdueKnownAt(table: string, kinds: string[], a: string, base: string, k: string) {
    return sql`
      select c.kind as kind, case when c.unit_changed = 1 then (select u.unit_id from ${sql.table(CLEARANCE_UNITS_TABLE)} u where u.case_key = c.case_key and u.from_at <= ${a} and u.from_rec <= ${k} order by u.from_at desc limit 1) else c.unit_id end as unit, c.case_key as case_key
      from ${sql.table(table)} c
      where c.from_at < ${a} and c.from_rec <= ${k} and (c.to_at is null or c.to_at > ${a} or c.to_rec > ${k}) and c.kind in (${sql.join(kinds)})
        and c.received_at >= ${base} and c.received_at <= ${a} and c.received_rec <= ${k}
        and not (c.cleared_at is not null and c.cleared_at <= ${a} and c.cleared_rec <= ${k})`;
  }

  /**
   * Today's fast path. Day cells answer exactly for the day boundaries (Asia/Shanghai midnights) nearest to the baseline
   * and to asOf; the few cases received or cleared between either instant and its nearest midnight are then corrected
   * one by one (their exact contribution less the one the cells gave them), cases whose unit changed are counted from
   * their rows, and overdue from each case's open-ended interval plus the intervals that end after asOf.
   */
  private async countsNow(kinds: string[], a: string, base: string): Promise<Record<string, unknown>[]> {
    const db = this.readModels.db;
    const unitOf = (key: string) => sql`(select u.unit_id from ${sql.table(CLEARANCE_UNITS_TABLE)} u where u.case_key = ${sql.ref(key)} and u.from_at <= ${a} order by u.from_at desc limit 1)`;
    const kindList = sql.join(kinds);
    const sB = nearestMidnight(base);
    const sA = nearestMidnight(a);
    const dB = dayOf(sB);
    const dA = dayOf(sA);
    // 1. Day cells, as if the baseline were sB and asOf sA: a day before the midnight of sB lies wholly before it.
    const cells = sql<Record<string, unknown>>`
      select kind, unit_id as unit,
        sum(case when rday < ${dB} and (cday = '' or cday >= ${dB}) then n else 0 end) as stock_total,
        sum(case when rday < ${dB} and cday <> '' and cday >= ${dB} and cday < ${dA} then n else 0 end) as stock_cleared,
        sum(case when rday >= ${dB} then n else 0 end) as inc_received,
        sum(case when rday >= ${dB} and cday <> '' and cday < ${dA} then n else 0 end) as inc_cleared,
        sum(case when rday >= ${dB} and cday <> '' and cday < ${dA} and on_time = 1 then n else 0 end) as inc_on_time
      from ${sql.table(CLEARANCE_CELLS_TABLE)}
      where kind in (${kindList}) and rday < ${dA}
      group by kind, unit_id`.execute(db);
    // 2. The cases between an instant and its midnight (both ends included), each once: exact less as-if-midnight. A
    //    case outside both windows compares with each instant as with its midnight, so the cells counted it exactly.
    const [wB0, wB1] = base < sB ? [base, sB] : [sB, base];
    const [wA0, wA1] = a < sA ? [a, sA] : [sA, a];
    const inB = (col: string) => sql`${sql.ref(col)} between ${wB0} and ${wB1}`;
    const inA = (col: string) => sql`${sql.ref(col)} between ${wA0} and ${wA1}`;
    const windowRows = (where: ReturnType<typeof sql>) =>
      sql`select c.kind, c.unit_id as unit, c.received_at, c.cleared_at, c.on_time, 1 as corrected from ${sql.table(CLEARANCE_CASES_TABLE)} c where c.kind in (${kindList}) and ${where} and c.unit_changed = 0`;
    const exactTerms = sql`
        sum(case when received_at <= ${a} and received_at < ${base} and (cleared_at is null or cleared_at > ${base}) then 1 else 0 end)
          - sum(case when corrected = 1 and received_at < ${sA} and received_at < ${sB} and (cleared_at is null or cleared_at >= ${sB}) then 1 else 0 end) as stock_total,
        sum(case when received_at <= ${a} and received_at < ${base} and cleared_at > ${base} and cleared_at <= ${a} then 1 else 0 end)
          - sum(case when corrected = 1 and received_at < ${sA} and received_at < ${sB} and cleared_at >= ${sB} and cleared_at < ${sA} then 1 else 0 end) as stock_cleared,
        sum(case when received_at <= ${a} and received_at >= ${base} then 1 else 0 end)
          - sum(case when corrected = 1 and received_at < ${sA} and received_at >= ${sB} then 1 else 0 end) as inc_received,
        sum(case when received_at <= ${a} and received_at >= ${base} and cleared_at <= ${a} then 1 else 0 end)
          - sum(case when corrected = 1 and received_at < ${sA} and received_at >= ${sB} and cleared_at < ${sA} then 1 else 0 end) as inc_cleared,
        sum(case when received_at <= ${a} and received_at >= ${base} and cleared_at <= ${a} and on_time = 1 then 1 else 0 end)
          - sum(case when corrected = 1 and received_at < ${sA} and received_at >= ${sB} and cleared_at < ${sA} and on_time = 1 then 1 else 0 end) as inc_on_time`;
    const exact = sql<Record<string, unknown>>`
      select kind, unit, ${exactTerms}
      from (
        ${windowRows(inB('c.received_at'))}
        union all ${windowRows(sql`${inA('c.received_at')} and not ${inB('c.received_at')}`)}
        union all ${windowRows(sql`${inB('c.cleared_at')} and not (${inB('c.received_at')} or ${inA('c.received_at')})`)}
        union all ${windowRows(sql`${inA('c.cleared_at')} and not (${inB('c.cleared_at')} or ${inB('c.received_at')} or ${inA('c.received_at')})`)}
        union all select c.kind, ${unitOf('c.id')} as unit, c.received_at, c.cleared_at, c.on_time, 0 as corrected
          from ${sql.table(CLEARANCE_CASES_TABLE)} c where c.kind in (${kindList}) and c.unit_changed = 1 and c.received_at <= ${a}
      ) x
      group by kind, unit`.execute(db);
    // 3. Open increment cases overdue at asOf: those with an open-ended interval begun by then (one row per case) …
    const increment = (c: string) => sql`${sql.ref(`${c}.received_at`)} >= ${base} and ${sql.ref(`${c}.received_at`)} <= ${a} and (${sql.ref(`${c}.cleared_at`)} is null or ${sql.ref(`${c}.cleared_at`)} > ${a})`;
    const openEnded = sql<Record<string, unknown>>`
      select c.kind as kind, c.unit_id as unit, count(*) as inc_overdue
      from ${sql.table(CLEARANCE_CASES_TABLE)} c
      where c.kind in (${kindList}) and c.unit_changed = 0 and c.overdue_from is not null and c.overdue_from < ${a} and ${increment('c')}
      group by c.kind, c.unit_id`.execute(db);
    const openEndedChanged = sql<Record<string, unknown>>`
      select c.kind as kind, ${unitOf('c.id')} as unit, count(*) as inc_overdue
      from ${sql.table(CLEARANCE_CASES_TABLE)} c
      where c.kind in (${kindList}) and c.unit_changed = 1 and c.overdue_from is not null and c.overdue_from < ${a} and ${increment('c')}
      group by c.kind, unit`.execute(db);
    // … and the others in an interval that ends after asOf (an interval ends by events, so only a past asOf has these).
    const unitOfInterval = sql`case when o.unit_changed = 1 then ${unitOf('o.case_key')} else o.unit_id end`;
    const ending = sql<Record<string, unknown>>`
      select o.kind as kind, ${unitOfInterval} as unit, count(distinct o.case_key) as inc_overdue
      from ${sql.table(CLEARANCE_OVERDUE_TABLE)} o
      where o.kind in (${kindList}) and o.to_at > ${a} and o.from_at < ${a} and ${increment('o')}
        and not exists (select 1 from ${sql.table(CLEARANCE_CASES_TABLE)} c where c.id = o.case_key and c.overdue_from < ${a})
      group by o.kind, unit`.execute(db);
    return [...(await cells).rows, ...(await exact).rows, ...(await openEnded).rows, ...(await openEndedChanged).rows, ...(await ending).rows];
  }

  /**
   * 台账 — the campaign's cases one by one at `asOf` (as known at `knownAt` when given), for the ledger export: the
   * same cases, unit attribution and scope as the summary, so the two reconcile unit by unit — less the kinds the
   * scope counts but does not list (clues for the leader).
   */
  async ledger(id: string, asOfText?: string, scope?: ClearanceScope, knownAtText?: string) {
    const knownAt = this.knownAt(knownAtText);
    const campaign = await this.campaigns.get(id, knownAt);
    const asOf = asOfText ? new Date(asOfText) : this.clock.now();
    const a = asOf.toISOString();
    const base = new Date(campaign.baselineAt).toISOString();
    const kinds = campaign.kinds.filter((k) => !scope?.hiddenKinds.includes(k) && !scope?.unlistedKinds.includes(k));
    if (kinds.length === 0) return [];
    // Without knownAt every recorded fact counts: a bound above any ISO time.
    const k = knownAt?.toISOString() ?? '9999-12-31T23:59:59.999Z';
    const cleared = (t: string) => sql`(c.cleared_at is not null and c.cleared_at <= ${t} and c.cleared_rec <= ${k})`;
    const inInterval = (table: string) =>
      sql`exists (select 1 from ${sql.table(table)} o where o.case_key = c.id and o.from_at < ${a} and o.from_rec <= ${k} and (o.to_at is null or o.to_at > ${a} or o.to_rec > ${k}))`;
    const dir = this.directory.current();
    const attribute = this.attribution(campaign.unitIds, scope?.units);
    // A scoped ledger is narrowed in SQL, before the row limit: a supervisor's ledger is never cut short by other units' cases.
    const scoped = !!(campaign.unitIds || scope?.units);
    const allowed = scoped ? dir.list().map((u) => u.id).filter((u) => attribute('hotline', u) !== null) : [];
    const unitAt = sql`case when c.unit_changed = 1 then (select u.unit_id from ${sql.table(CLEARANCE_UNITS_TABLE)} u where u.case_key = c.id and u.from_at <= ${a} and u.from_rec <= ${k} order by u.from_at desc limit 1) else c.unit_id end`;
    const attributed = sql`coalesce(${unitAt}, case when c.kind = 'clue' then ${attribute('clue', null) ?? ''} else ${attribute('petition', null) ?? ''} end)`;
    const inScope = scoped ? (allowed.length ? sql`and ${attributed} in (${sql.join(allowed)})` : sql`and 1 = 0`) : sql``;
    const rows = await sql<Record<string, unknown>>`
      select c.kind as kind, c.case_id as case_id, c.received_at as received_at,
        case when ${cleared(a)} then c.cleared_at else null end as cleared_at, c.on_time as on_time,
        ${unitAt} as unit,
        case when not ${cleared(a)} and (${inInterval(CLEARANCE_OVERDUE_TABLE)} or ${inInterval(CLEARANCE_LATENT_TABLE)}) then 1 else 0 end as overdue
      from ${sql.table(CLEARANCE_CASES_TABLE)} c
      where c.kind in (${sql.join(kinds)}) and c.received_at <= ${a} and c.received_rec <= ${k}
        and (c.received_at >= ${base} or not ${cleared(base)}) ${inScope}
      order by c.received_at, c.id
      limit 200000`.execute(this.readModels.db);
    return rows.rows.flatMap((r) => {
      const unitId = attribute(r.kind as string, r.unit as string | null);
      if (unitId === null) return [];
      return [
        {
          kind: r.kind as string,
          caseId: r.case_id as string,
          unitId,
          unitName: dir.get(unitId)?.name ?? unitId,
          part: (r.received_at as string) < base ? '存量' : '增量',
          receivedAt: formatShanghai(new Date(r.received_at as string)),
          clearedAt: r.cleared_at ? formatShanghai(new Date(r.cleared_at as string)) : '',
          onTime: r.cleared_at ? (Number(r.on_time) === 1 ? '是' : '否') : '',
          overdue: Number(r.overdue) === 1 ? '是' : '否',
        },
      ];
    });
  }
}
