import { Kysely, PostgresAdapter, sql } from 'kysely';
import type { StoredEvent } from '@qf/event-store';
import { chunks, upsertRows, type Projection } from '@qf/projections';
import { shanghaiDate, toRecorded } from '@qf/kernel';
import { CLEARANCE_KINDS } from '../campaign';
import type { CaseKindDefinition, CaseKindRegistry } from '@qf/contracts';

export const CLEARANCE_CASES_TABLE = 'report_clearance_cases';
export const CLEARANCE_UNITS_TABLE = 'report_clearance_units';
export const CLEARANCE_OVERDUE_TABLE = 'report_clearance_overdue';
export const CLEARANCE_CELLS_TABLE = 'report_clearance_cells';
/** Deadline versions ended (met, cancelled, extended) before they fell due: never overdue as things turned out, but
 *  overdue-to-be for an `asOf` after a `knownAt` that came before their end was recorded. Read with knownAt only. */
export const CLEARANCE_LATENT_TABLE = 'report_clearance_latent';
const DOCS_TABLE = 'report_clearance_docs';


/**
 * The kinds clearance counts (SPEC §6: hotline, petition, clue — `CLEARANCE_KINDS`, the campaign's static list), each folded through its registered definition (`CaseKindDefinition`):
 * received, handling unit (null: the petitions bureau for an unassigned petition, the discipline unit for a clue),
 * cleared, main stage and deadlines come from the kind's own `facts`.
 */
const kindOfStream = (kinds: CaseKindRegistry, streamId: string): CaseKindDefinition | null => {
  const found = kinds.ofStream(streamId);
  return found && (CLEARANCE_KINDS as string[]).includes(found.definition.kind) ? found.definition : null;
};

/**
 * One version of a deadline: its due time from `validFrom` until an extension replaced it at `validTo`. Each `…Rec`
 * is the recordedAt of the event that established the time beside it, for answers as known at `knownAt` (SPEC §3).
 */
interface DeadlineVersion {
  stage: string;
  round: number;
  startedAt: string;
  dueAt: string;
  validFrom: string;
  validFromRec: string;
  validTo: string | null;
  validToRec: string | null;
  closedAt: string | null;
  closedRec: string | null;
}

interface CaseDoc {
  state: unknown;
  /** recordedAt of the event from which the case exists (its receipt). */
  receivedRec: string | null;
  clearedAt: string | null;
  clearedRec: string | null;
  onTime: boolean | null;
  units: Array<{ unitId: string | null; from: string; rec: string }>;
  versions: DeadlineVersion[];
}

export const emptyCaseDoc = (state: unknown): CaseDoc => ({ state, receivedRec: null, clearedAt: null, clearedRec: null, onTime: null, units: [], versions: [] });

const iso = (t: string) => new Date(t).toISOString();

/** Folds one event into a case's clearance history: unit changes, deadline versions (extensions), first clearance. */
export function evolveClearance(kind: CaseKindDefinition, doc: CaseDoc, e: StoredEvent): CaseDoc {
  const state = kind.evolve(doc.state, toRecorded(e));
  const facts = kind.facts(state);
  if (!facts.exists) return { ...doc, state };
  const at = e.metadata.occurredAt;
  const rec = e.metadata.recordedAt;
  const receivedRec = doc.receivedRec ?? rec;
  const unitId = facts.unitId;
  const units = doc.units.length === 0 || doc.units[doc.units.length - 1].unitId !== unitId ? [...doc.units, { unitId, from: at, rec }] : doc.units;
  const versions = doc.versions.map((v) => ({ ...v }));
  for (const d of facts.deadlines) {
    const mine = versions.filter((v) => v.stage === d.stage && v.round === d.round);
    const current = mine[mine.length - 1];
    const closedRec = d.closedAt ? rec : null;
    if (!current) versions.push({ stage: d.stage, round: d.round, startedAt: d.startedAt, dueAt: d.dueAt, validFrom: d.startedAt, validFromRec: rec, validTo: null, validToRec: null, closedAt: d.closedAt, closedRec });
    else if (current.dueAt !== d.dueAt) {
      current.validTo = at;
      current.validToRec = rec;
      versions.push({ ...current, dueAt: d.dueAt, validFrom: at, validFromRec: rec, validTo: null, validToRec: null, closedAt: d.closedAt, closedRec });
    } else if (current.closedAt !== d.closedAt)
      for (const v of mine) {
        v.closedAt = d.closedAt;
        v.closedRec = closedRec;
      }
  }
  let { clearedAt, clearedRec, onTime } = doc;
  if (!clearedAt && facts.cleared) {
    clearedAt = at;
    clearedRec = rec;
    const main = facts.deadlines
      .filter((d) => d.stage === facts.mainStage)
      .sort((a, b) => b.round - a.round)[0];
    onTime = !!main && main.state === 'met' && !!main.closedAt && Date.parse(main.closedAt) <= Date.parse(main.dueAt);
  }
  return { state, receivedRec, clearedAt, clearedRec, onTime, units, versions };
}

/**
 * When each deadline version was overdue: from its due time (or from when an extension made it current, if that was
 * later) until it was met or cancelled, or replaced by the next extension; open-ended while neither has happened.
 */
export function overdueIntervals(versions: DeadlineVersion[]): OverdueInterval[] {
  return allIntervals(versions).filter((o) => !o.latent);
}

export interface OverdueInterval {
  key: string;
  from: string;
  /** recordedAt of the event that made the deadline version current. */
  fromRec: string;
  to: string | null;
  /** recordedAt of the event that ended it (met, cancelled or extended). */
  toRec: string | null;
  /** Ended at or before its start: never overdue, except as known before its end was recorded. */
  latent: boolean;
}

/** Every deadline version's would-be overdue interval, those that ended before they started marked `latent`. */
export function allIntervals(versions: DeadlineVersion[]): OverdueInterval[] {
  const out: OverdueInterval[] = [];
  for (const v of versions) {
    const from = Math.max(Date.parse(v.dueAt), Date.parse(v.validFrom));
    const ends = [
      [v.closedAt, v.closedRec],
      [v.validTo, v.validToRec],
    ]
      .filter((x): x is [string, string] => !!x[0])
      .map(([t, r]) => ({ t: Date.parse(t), r: r ?? t }))
      .sort((a, b) => a.t - b.t);
    const end = ends[0] ?? null;
    // Overdue means strictly past the due time: an end at or before it leaves no interval.
    out.push({
      key: `${v.stage}/${v.round}/${iso(v.validFrom)}`,
      from: new Date(from).toISOString(),
      fromRec: iso(v.validFromRec ?? v.validFrom),
      to: end === null ? null : new Date(end.t).toISOString(),
      toRec: end === null ? null : iso(end.r),
      latent: end !== null && end.t <= from,
    });
  }
  return out;
}

/** The Shanghai date of a UTC ISO time. */
export const dayOf = (t: string) => shanghaiDate(new Date(t));

/** The day cell a case row counts in. */
export function cellOf(row: Record<string, unknown>) {
  const kind = row.kind as string;
  const unit = (row.unit_id as string | null) ?? '';
  const rday = dayOf(row.received_at as string);
  const cday = row.cleared_at ? dayOf(row.cleared_at as string) : '';
  const onTime = Number(row.on_time) === 1 ? 1 : 0;
  return { id: `${kind}/${unit}/${rday}/${cday}/${onTime}`, kind, unit_id: unit, rday, cday, on_time: onTime };
}



/**
 * 清仓见底台账 read model (SPEC §6): per case its receipt, first clearance (and whether its main stage was met in
 * time), the units that handled it since when, and the intervals in which each version of each deadline (an extension
 * starts a new one) was overdue — enough to answer clearance for any past `asOf` exactly, from events that happened by
 * then. Beside each of those times it keeps the recordedAt of the event that established it, so that with `knownAt`
 * (SPEC §3) the same rows answer from the events recorded by then.
 */
export const clearanceFactsProjection = (kinds: CaseKindRegistry): Projection => ({
  name: 'report-clearance-facts',
  version: 8,
  async migrate(db: Kysely<any>) {
    await db.schema.createTable(DOCS_TABLE).ifNotExists().addColumn('id', 'text', (c) => c.primaryKey()).addColumn('doc', 'text', (c) => c.notNull()).execute();
    await db.schema
      .createTable(CLEARANCE_CASES_TABLE)
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('cleared_at', 'text')
      .addColumn('on_time', 'integer')
      .addColumn('unit_id', 'text')
      .addColumn('unit_changed', 'integer', (c) => c.notNull())
      // recordedAt of the events that established the receipt and the clearance, for knownAt (SPEC §3).
      .addColumn('received_rec', 'text')
      .addColumn('cleared_rec', 'text')
      .execute();
    // Added in version 8 (a table made before it lacks the column; the rebuild the version bump causes fills it).
    // PostgreSQL adds it only where missing; SQLite has no IF NOT EXISTS here, so its own table is asked (never the
    // whole catalog: on PostgreSQL that lists every schema's tables, another deployment's or test's among them).
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`alter table ${sql.table(CLEARANCE_CASES_TABLE)} add column if not exists overdue_from text`.execute(db);
    } else {
      const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${CLEARANCE_CASES_TABLE})`.execute(db);
      if (!rows.some((r) => r.name === 'overdue_from')) await db.schema.alterTable(CLEARANCE_CASES_TABLE).addColumn('overdue_from', 'text').execute();
    }
    // Covering: a clearance scan reads the index alone.
    await db.schema
      .createIndex(`${CLEARANCE_CASES_TABLE}_cover_idx`)
      .ifNotExists()
      .on(CLEARANCE_CASES_TABLE)
      .columns(['kind', 'received_at', 'cleared_at', 'on_time', 'unit_changed', 'unit_id', 'id'])
      .execute();
    await db.schema
      .createTable(CLEARANCE_UNITS_TABLE)
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_key', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text')
      .addColumn('from_at', 'text', (c) => c.notNull())
      .addColumn('from_rec', 'text')
      .execute();
    await db.schema.createIndex(`${CLEARANCE_UNITS_TABLE}_case_idx`).ifNotExists().on(CLEARANCE_UNITS_TABLE).columns(['case_key', 'from_at']).execute();
    for (const table of [CLEARANCE_OVERDUE_TABLE, CLEARANCE_LATENT_TABLE]) {
      await db.schema
        .createTable(table)
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_key', 'text', (c) => c.notNull())
        .addColumn('from_at', 'text', (c) => c.notNull())
        .addColumn('to_at', 'text')
        // The case's own columns, copied so the overdue count reads this table alone.
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('cleared_at', 'text')
        .addColumn('unit_id', 'text')
        .addColumn('unit_changed', 'integer', (c) => c.notNull())
        // recordedAt of the interval's start and end and of the case's receipt and clearance, for knownAt.
        .addColumn('from_rec', 'text')
        .addColumn('to_rec', 'text')
        .addColumn('received_rec', 'text')
        .addColumn('cleared_rec', 'text')
        .execute();
    }
    await db.schema.createIndex(`${CLEARANCE_LATENT_TABLE}_case_idx`).ifNotExists().on(CLEARANCE_LATENT_TABLE).columns(['case_key']).execute();
    await db.schema
      .createIndex(`${CLEARANCE_OVERDUE_TABLE}_cover_idx`)
      .ifNotExists()
      .on(CLEARANCE_OVERDUE_TABLE)
      .columns(['from_at', 'kind', 'to_at', 'received_at', 'cleared_at', 'unit_changed', 'unit_id', 'case_key'])
      .execute();
    // Day cells: cases counted by (kind, unit, Shanghai day received, day cleared or '' when open, on time), for the
    // clearance scan; cases whose unit changed are left out of them and counted from their rows.
    await db.schema
      .createTable(CLEARANCE_CELLS_TABLE)
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('rday', 'text', (c) => c.notNull())
      .addColumn('cday', 'text', (c) => c.notNull())
      .addColumn('on_time', 'integer', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${CLEARANCE_CELLS_TABLE}_cover_idx`).ifNotExists().on(CLEARANCE_CELLS_TABLE).columns(['kind', 'rday', 'cday', 'on_time', 'unit_id', 'n']).execute();
    // The clearance's case-by-case rows, each read from an index of its own (covering, so SQLite, which has no
    // statistics here, prefers them to a range scan of the receipt index): cases cleared near the boundary instants,
    // cases whose unit changed, and open cases with an open-ended overdue interval.
    await sql`drop index if exists ${sql.raw(`${CLEARANCE_CASES_TABLE}_cleared_idx`)}`.execute(db);
    await sql`drop index if exists ${sql.raw(`${CLEARANCE_CASES_TABLE}_changed_idx`)}`.execute(db);
    await db.schema
      .createIndex(`${CLEARANCE_CASES_TABLE}_cleared2_idx`)
      .ifNotExists()
      .on(CLEARANCE_CASES_TABLE)
      .columns(['kind', 'cleared_at', 'received_at', 'on_time', 'unit_changed', 'unit_id'])
      .execute();
    await sql`create index if not exists ${sql.raw(`${CLEARANCE_CASES_TABLE}_changed2_idx`)} on ${sql.table(CLEARANCE_CASES_TABLE)} (kind, unit_changed, received_at, cleared_at, on_time, id) where unit_changed = 1`.execute(db);
    await sql`create index if not exists ${sql.raw(`${CLEARANCE_CASES_TABLE}_overdue_idx`)} on ${sql.table(CLEARANCE_CASES_TABLE)} (kind, unit_changed, received_at, overdue_from, cleared_at, unit_id) where overdue_from is not null`.execute(db);
    // The intervals that end after asOf (those it falls in, besides the open-ended ones the cases carry).
    await db.schema
      .createIndex(`${CLEARANCE_OVERDUE_TABLE}_ending_idx`)
      .ifNotExists()
      .on(CLEARANCE_OVERDUE_TABLE)
      .columns(['kind', 'to_at', 'from_at', 'received_at', 'cleared_at', 'unit_changed', 'unit_id', 'case_key'])
      .execute();
    await db.schema.createIndex(`${CLEARANCE_OVERDUE_TABLE}_case_idx`).ifNotExists().on(CLEARANCE_OVERDUE_TABLE).columns(['case_key']).execute();
  },
  async reset(db: Kysely<any>) {
    for (const t of [DOCS_TABLE, CLEARANCE_CASES_TABLE, CLEARANCE_UNITS_TABLE, CLEARANCE_OVERDUE_TABLE, CLEARANCE_LATENT_TABLE, CLEARANCE_CELLS_TABLE]) await db.deleteFrom(t).execute();
  },
  async apply(trx: Kysely<any>, events: StoredEvent[]) {
    const byCase = new Map<string, StoredEvent[]>();
    for (const e of events) {
      if (!kindOfStream(kinds, e.streamId)) continue;
      const list = byCase.get(e.streamId);
      if (list) list.push(e);
      else byCase.set(e.streamId, [e]);
    }
    if (!byCase.size) return;
    const docs = new Map<string, CaseDoc>();
    for (const ids of chunks([...byCase.keys()])) {
      for (const r of await trx.selectFrom(DOCS_TABLE).select(['id', 'doc']).where('id', 'in', ids).execute()) docs.set(r.id as string, JSON.parse(r.doc as string));
    }
    const docRows: Record<string, unknown>[] = [];
    const caseRows: Record<string, unknown>[] = [];
    const unitRows: Record<string, unknown>[] = [];
    const overdueRows: Record<string, unknown>[] = [];
    const latentRows: Record<string, unknown>[] = [];
    for (const [streamId, list] of byCase) {
      const kind = kindOfStream(kinds, streamId)!;
      let doc: CaseDoc = docs.get(streamId) ?? emptyCaseDoc(kind.initialState());
      for (const e of list) doc = evolveClearance(kind, doc, e);
      docRows.push({ id: streamId, doc: JSON.stringify(doc) });
      const facts = kind.facts(doc.state);
      if (!facts.exists) continue;
      const intervals = allIntervals(doc.versions);
      const openEnded = intervals.filter((o) => !o.latent && o.to === null).map((o) => o.from).sort();
      const caseRow = {
        id: streamId,
        kind: kind.kind,
        case_id: streamId.slice(kind.streamPrefix.length),
        received_at: iso(facts.receivedAt),
        cleared_at: doc.clearedAt ? iso(doc.clearedAt) : null,
        on_time: doc.onTime === null ? null : doc.onTime ? 1 : 0,
        unit_id: doc.units[0]?.unitId ?? null,
        unit_changed: doc.units.length > 1 ? 1 : 0,
        received_rec: iso(doc.receivedRec!),
        cleared_rec: doc.clearedRec ? iso(doc.clearedRec) : null,
        // Since when the case has an overdue interval that has not ended (the earliest such start): the bulk of the
        // overdue count, one row per case instead of one per interval.
        overdue_from: openEnded[0] ?? null,
      };
      caseRows.push(caseRow);
      doc.units.forEach((u, i) => unitRows.push({ id: `${streamId}/${i}`, case_key: streamId, unit_id: u.unitId, from_at: iso(u.from), from_rec: iso(u.rec) }));
      for (const o of intervals) {
        (o.latent ? latentRows : overdueRows).push({
          id: `${streamId}/${o.key}`,
          case_key: streamId,
          from_at: o.from,
          to_at: o.to,
          kind: caseRow.kind,
          received_at: caseRow.received_at,
          cleared_at: caseRow.cleared_at,
          unit_id: caseRow.unit_id,
          unit_changed: caseRow.unit_changed,
          from_rec: o.fromRec,
          to_rec: o.toRec,
          received_rec: caseRow.received_rec,
          cleared_rec: caseRow.cleared_rec,
        });
      }
    }
    // Day cells move by the difference between each case's old and new row.
    const cells = new Map<string, Record<string, unknown> & { n: number }>();
    const count = (row: Record<string, unknown>, sign: 1 | -1) => {
      if (Number(row.unit_changed) === 1) return;
      const cell = cellOf(row);
      const entry = cells.get(cell.id) ?? { ...cell, n: 0 };
      entry.n += sign;
      cells.set(cell.id, entry);
    };
    for (const ids of chunks([...byCase.keys()])) {
      for (const old of await trx.selectFrom(CLEARANCE_CASES_TABLE).selectAll().where('id', 'in', ids).execute()) count(old, -1);
    }
    for (const row of caseRows) count(row, 1);
    const cellRows = [...cells.values()].filter((c) => c.n !== 0);
    for (const part of chunks(cellRows, 800)) {
      await trx.insertInto(CLEARANCE_CELLS_TABLE).values(part).onConflict((oc) => oc.column('id').doUpdateSet({ n: sql`${sql.ref(`${CLEARANCE_CELLS_TABLE}.n`)} + ${sql.ref('excluded.n')}` })).execute();
    }
    // A cell every case has left counts nothing: remove it, so the table is what a rebuild makes (no empty cells).
    for (const ids of chunks(cellRows.filter((c) => c.n < 0).map((c) => c.id as string))) {
      await trx.deleteFrom(CLEARANCE_CELLS_TABLE).where('id', 'in', ids).where('n', '<=', 0).execute();
    }
    // Overdue intervals are rewritten whole for every touched case (a version's end moves when it is met or extended).
    for (const ids of chunks([...byCase.keys()])) {
      await trx.deleteFrom(CLEARANCE_OVERDUE_TABLE).where('case_key', 'in', ids).execute();
      await trx.deleteFrom(CLEARANCE_LATENT_TABLE).where('case_key', 'in', ids).execute();
    }
    await upsertRows(trx, DOCS_TABLE, docRows);
    await upsertRows(trx, CLEARANCE_OVERDUE_TABLE, overdueRows);
    await upsertRows(trx, CLEARANCE_LATENT_TABLE, latentRows);
    await upsertRows(trx, CLEARANCE_CASES_TABLE, caseRows);
    await upsertRows(trx, CLEARANCE_UNITS_TABLE, unitRows);
  },
});
