import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { sql } from 'kysely';
import type { EventStore, StoredEvent } from '@qf/event-store';
import { ReadModelDb, documentProjection } from '@qf/projections';
import { CLOCK, Clock, CommandContext, CommandRunner, DomainError, EVENT_STORE, ProjectionsService, READ_MODEL_DB, formatShanghai, load } from '@qf/platform';
import { DirectoryService } from '@qf/directory';
import { CampaignDefinition, campaignAggregate, campaignStream, decideCreateCampaign } from './campaign';
import { DateTime } from 'luxon';
import { CLEARANCE_CASES_TABLE, CLEARANCE_CELLS_TABLE, CLEARANCE_OVERDUE_TABLE, CLEARANCE_UNITS_TABLE, clearanceFactsProjection, dayOf } from './clearance-facts.projection';

const CAMPAIGNS_TABLE = 'report_campaigns';

/** The first and last millisecond (UTC ISO) of a Shanghai date. */
function dayBounds(day: string): [string, string] {
  const start = DateTime.fromISO(day, { zone: 'Asia/Shanghai' }).startOf('day');
  return [start.toUTC().toISO()!, start.endOf('day').toUTC().toISO()!];
}
const campaignsProjection = documentProjection<CampaignDefinition & { createdAt: string }>({
  name: 'report-campaigns',
  version: 1,
  table: CAMPAIGNS_TABLE,
  columns: { baseline_at: 'text' },
  key: (e: StoredEvent) => (e.type === 'CampaignCreated' && e.streamId.startsWith('campaign-') ? e.streamId.slice('campaign-'.length) : null),
  evolve: (_doc, e) => ({ ...(e.data as CampaignDefinition), createdAt: e.metadata.occurredAt }),
  columnsOf: (doc) => ({ baseline_at: new Date(doc.baselineAt).toISOString() }),
});

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
  totals: ClearanceFigures;
  units: Array<{ unitId: string; unitName: string } & ClearanceFigures>;
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

/** 存量清零、增量随清 (SPEC §6): campaigns, and their clearance for any `asOf` from the clearance read model. */
@Injectable()
export class ClearanceService implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
    private readonly commands: CommandRunner,
  ) {}

  onModuleInit(): void {
    this.projections.register(clearanceFactsProjection);
    this.projections.register(campaignsProjection);
  }

  now(): Date {
    return this.clock.now();
  }

  async create(def: CampaignDefinition, ctx: CommandContext) {
    for (const u of def.unitIds ?? []) if (!this.directory.current().get(u)) throw new DomainError('NOT_FOUND', `unit ${u} not found`);
    const normalised: CampaignDefinition = { ...def, kinds: [...new Set(def.kinds)].sort(), unitIds: def.unitIds ? [...new Set(def.unitIds)].sort() : null };
    const result = await this.commands.run(campaignStream(def.id), campaignAggregate, { ...ctx, expectedVersion: undefined }, (state) => decideCreateCampaign(normalised, state));
    return { campaign: { ...result.state.definition!, createdAt: result.state.createdAt }, created: result.appended.length > 0 };
  }

  async get(id: string): Promise<CampaignDefinition & { createdAt: string | null }> {
    const { state } = await load(this.store, campaignStream(id), campaignAggregate);
    if (!state.exists) throw new DomainError('NOT_FOUND', `campaign ${id} not found`);
    return { ...state.definition!, createdAt: state.createdAt };
  }

  async list() {
    const rows = await this.readModels.db.selectFrom(CAMPAIGNS_TABLE).select('doc').orderBy('baseline_at', 'desc').orderBy('id').execute();
    return { items: rows.map((r) => JSON.parse(r.doc as string)) };
  }

  /**
   * The clearance of a campaign at `asOf` (default now): only events that happened by `asOf` count, so the answer
   * for a past moment stays the same when later events arrive. Each case counts for the unit handling it at `asOf`.
   */
  async clearance(id: string, asOfText?: string, restrictTo?: string[]): Promise<ClearanceReport> {
    const campaign = await this.get(id);
    const asOf = asOfText ? new Date(asOfText) : this.clock.now();
    if (asOf.getTime() < Date.parse(campaign.baselineAt)) throw new DomainError('RULE_VIOLATION', `asOf is before the campaign's baseline (${campaign.baselineAt})`);
    const a = asOf.toISOString();
    const base = new Date(campaign.baselineAt).toISOString();
    const unitAtAsOf = sql`case when c.unit_changed = 1 then (select u.unit_id from ${sql.table(CLEARANCE_UNITS_TABLE)} u where u.case_key = c.id and u.from_at <= ${a} order by u.from_at desc limit 1) else c.unit_id end`;
    const kinds = sql.join(campaign.kinds);
    const dB = dayOf(base);
    const dA = dayOf(a);
    // 1. Day cells away from the two boundary days (the baseline's and asOf's), where comparing days is exact.
    const cells = sql<Record<string, unknown>>`
      select kind, unit_id as unit,
        sum(case when rday < ${dB} and (cday = '' or cday > ${dB}) then n else 0 end) as stock_total,
        sum(case when rday < ${dB} and cday <> '' and cday > ${dB} and cday < ${dA} then n else 0 end) as stock_cleared,
        sum(case when rday > ${dB} then n else 0 end) as inc_received,
        sum(case when rday > ${dB} and cday <> '' and cday < ${dA} then n else 0 end) as inc_cleared,
        sum(case when rday > ${dB} and cday <> '' and cday < ${dA} and on_time = 1 then n else 0 end) as inc_on_time
      from ${sql.table(CLEARANCE_CELLS_TABLE)}
      where kind in (${kinds}) and rday < ${dA} and rday <> ${dB} and cday <> ${dB} and cday <> ${dA}
      group by kind, unit_id`.execute(this.readModels.db);
    // 2. Case by case: those received or cleared on a boundary day, and those whose unit changed (unit at asOf).
    const [b0, b1] = dayBounds(dB);
    const [a0, a1] = dayBounds(dA);
    const boundary = sql`(c.received_at between ${b0} and ${b1} or c.received_at between ${a0} and ${a1} or c.cleared_at between ${b0} and ${b1} or c.cleared_at between ${a0} and ${a1})`;
    const exact = sql<Record<string, unknown>>`
      select c.kind as kind, ${unitAtAsOf} as unit,
        sum(case when c.received_at < ${base} and (c.cleared_at is null or c.cleared_at > ${base}) then 1 else 0 end) as stock_total,
        sum(case when c.received_at < ${base} and c.cleared_at > ${base} and c.cleared_at <= ${a} then 1 else 0 end) as stock_cleared,
        sum(case when c.received_at >= ${base} then 1 else 0 end) as inc_received,
        sum(case when c.received_at >= ${base} and c.cleared_at <= ${a} then 1 else 0 end) as inc_cleared,
        sum(case when c.received_at >= ${base} and c.cleared_at <= ${a} and c.on_time = 1 then 1 else 0 end) as inc_on_time
      from ${sql.table(CLEARANCE_CASES_TABLE)} c
      where c.kind in (${kinds}) and c.received_at <= ${a} and (c.unit_changed = 1 or ${boundary})
      group by c.kind, unit`.execute(this.readModels.db);
    // 3. Open increment cases in an overdue interval at asOf, from the intervals table alone.
    const unitOfInterval = sql`case when o.unit_changed = 1 then (select u.unit_id from ${sql.table(CLEARANCE_UNITS_TABLE)} u where u.case_key = o.case_key and u.from_at <= ${a} order by u.from_at desc limit 1) else o.unit_id end`;
    const overdueRows = sql<Record<string, unknown>>`
      select o.kind as kind, ${unitOfInterval} as unit, count(distinct o.case_key) as inc_overdue
      from ${sql.table(CLEARANCE_OVERDUE_TABLE)} o
      where o.from_at < ${a} and o.kind in (${kinds}) and (o.to_at is null or o.to_at > ${a})
        and o.received_at >= ${base} and o.received_at <= ${a} and (o.cleared_at is null or o.cleared_at > ${a})
      group by o.kind, unit`.execute(this.readModels.db);
    const rows = { rows: [...(await cells).rows, ...(await exact).rows, ...(await overdueRows).rows] };
    const dir = this.directory.current();
    const bureau = dir.petitionsBureau()?.id ?? dir.root()?.id ?? '';
    const discipline = dir.disciplineUnit()?.id ?? dir.root()?.id ?? '';
    const scopes = [campaign.unitIds, restrictTo].filter((s): s is string[] => !!s);
    const inScope = (unitId: string) => scopes.every((roots) => roots.some((root) => dir.isInSubtree(unitId, root)));
    const byUnit = new Map<string, Counts>();
    for (const r of rows.rows) {
      const unitId = (r.unit as string | null) || (r.kind === 'clue' ? discipline : bureau);
      if (!inScope(unitId)) continue;
      const n = (k: string) => Number(r[k] ?? 0);
      // Open increment = received − cleared by asOf (both counted up to asOf).
      const c: Counts = { stockTotal: n('stock_total'), stockCleared: n('stock_cleared'), incReceived: n('inc_received'), incCleared: n('inc_cleared'), incOnTime: n('inc_on_time'), incOpen: n('inc_received') - n('inc_cleared'), incOverdue: n('inc_overdue') };
      byUnit.set(unitId, add(byUnit.get(unitId) ?? zero(), c));
    }
    const units = [...byUnit.entries()]
      .filter(([, c]) => c.stockTotal > 0 || c.incReceived > 0)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([unitId, c]) => ({ unitId, unitName: dir.get(unitId)?.name ?? unitId, ...figures(c) }));
    const total = [...byUnit.values()].reduce(add, zero());
    return { campaignId: id, asOf: formatShanghai(asOf), totals: figures(total), units };
  }

  /** 台账 — the campaign's cases one by one at `asOf`, for the ledger export. */
  async ledger(id: string, asOfText?: string) {
    const campaign = await this.get(id);
    const asOf = asOfText ? new Date(asOfText) : this.clock.now();
    const a = asOf.toISOString();
    const base = new Date(campaign.baselineAt).toISOString();
    const rows = await sql<Record<string, unknown>>`
      select c.kind as kind, c.case_id as case_id, c.received_at as received_at,
        case when c.cleared_at <= ${a} then c.cleared_at else null end as cleared_at, c.on_time as on_time,
        case when c.unit_changed = 1 then (select u.unit_id from ${sql.table(CLEARANCE_UNITS_TABLE)} u where u.case_key = c.id and u.from_at <= ${a} order by u.from_at desc limit 1) else c.unit_id end as unit,
        case when (c.cleared_at is null or c.cleared_at > ${a}) and exists (select 1 from ${sql.table(CLEARANCE_OVERDUE_TABLE)} o where o.case_key = c.id and o.from_at < ${a} and (o.to_at is null or o.to_at > ${a})) then 1 else 0 end as overdue
      from ${sql.table(CLEARANCE_CASES_TABLE)} c
      where c.kind in (${sql.join(campaign.kinds)}) and c.received_at <= ${a}
        and (c.received_at >= ${base} or c.cleared_at is null or c.cleared_at > ${base})
      order by c.received_at, c.id
      limit 200000`.execute(this.readModels.db);
    const dir = this.directory.current();
    return rows.rows.map((r) => ({
      kind: r.kind as string,
      caseId: r.case_id as string,
      unitId: (r.unit as string | null) ?? '',
      unitName: dir.get((r.unit as string) ?? '')?.name ?? '',
      part: (r.received_at as string) < base ? '存量' : '增量',
      receivedAt: formatShanghai(new Date(r.received_at as string)),
      clearedAt: r.cleared_at ? formatShanghai(new Date(r.cleared_at as string)) : '',
      onTime: r.cleared_at ? (Number(r.on_time) === 1 ? '是' : '否') : '',
      overdue: Number(r.overdue) === 1 ? '是' : '否',
    }));
  }
}
