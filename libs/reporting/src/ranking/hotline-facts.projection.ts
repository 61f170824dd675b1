import { Kysely, sql } from 'kysely';
import type { StoredEvent } from '@qf/event-store';
import { chunks, upsertRows, type Projection } from '@qf/projections';
import { shanghaiMonth, toRecorded } from '@qf/kernel';
import type { CaseKindDefinition, CaseKindRegistry, HotlineCaseFacts } from '@qf/contracts';

export const HOTLINE_FACTS_TABLE = 'report_hotline_facts';
export const HOTLINE_MONTHLY_TABLE = 'report_hotline_monthly';
const ORDERS_TABLE = 'report_hotline_orders';

/**
 * One countable fact of the monthly ranking (SPEC §7), in the month (Asia/Shanghai) of `at`:
 * - `dispatch` — a dispatch, redispatch or reopen to a unit; `due_at`/`met_at` of its `sign` stage;
 * - `deadline` — a deadline of the order (month of its due time), `met_at` when met; cancelled ones are left out;
 * - `reply` — a reply; `flag` = replied within the `reply` limit of that moment;
 * - `visit` — a return visit, for the unit that replied; `flag` = resolved, `flag2` = satisfied or basically satisfied;
 * - `reopen` — a reopen;
 * - `deadline_prior` — a version of a deadline that an extension replaced (`until_rec`), kept for `knownAt` only.
 *
 * `rec` is the recordedAt of the event that established the fact (for a deadline: its current due time), `met_rec`
 * that of the event that met (or, for a deadline, cancelled) it: with `knownAt` (SPEC §3) only what was recorded by
 * then counts.
 */
export interface HotlineFact {
  id: string;
  kind: 'dispatch' | 'deadline' | 'deadline_prior' | 'reply' | 'visit' | 'reopen';
  order_no: string;
  unit_id: string;
  at: string;
  month: string;
  due_at: string | null;
  met_at: string | null;
  flag: number;
  flag2: number;
  rec: string;
  met_rec: string | null;
  until_rec: string | null;
}

interface OrderDoc {
  /** The order as the registered hotline kind folds it (opaque here: read through its facts). */
  state: unknown;
  /** The unit each dispatch round went to. */
  roundUnits: Record<number, string>;
  /**
   * recordedAt per deadline (`stage/round`): `due:` when its current due time was set (the round's start or the last
   * extension), `closed:` when it was met or cancelled.
   */
  recs?: Record<string, string>;
}

const dlKey = (d: { stage: string; round: number }) => `${d.stage}/${d.round}`;

/** The deadlines' record times after `e`, given the order before and after it. */
export function recsAfter(before: Pick<HotlineCaseFacts, 'deadlines'>, after: Pick<HotlineCaseFacts, 'deadlines'>, recs: Record<string, string>, e: StoredEvent): Record<string, string> {
  const rec = iso(e.metadata.recordedAt);
  let out = recs;
  const set = (k: string) => {
    if (out === recs) out = { ...recs };
    out[k] = rec;
  };
  for (const d of after.deadlines) {
    const prev = before.deadlines.find((p) => p.stage === d.stage && p.round === d.round);
    if (!prev || prev.dueAt !== d.dueAt) set(`due:${dlKey(d)}`);
    if (d.state !== 'pending' && (!prev || prev.state === 'pending')) set(`closed:${dlKey(d)}`);
  }
  return out;
}

const iso = (t: string) => new Date(t).toISOString();
const monthOf = (t: string) => shanghaiMonth(new Date(t));

/** The time-independent counts of a unit's month, kept as running totals beside the facts. */
export const MONTHLY_COUNTERS = ['dispatched', 'sign_met', 'sign_met_in_time', 'replied', 'replied_on_time', 'visited', 'resolved', 'satisfied', 'reopened'] as const;
type Counter = (typeof MONTHLY_COUNTERS)[number];

/** What one fact adds to its month's counters. */
export function contribution(f: Pick<HotlineFact, 'kind' | 'due_at' | 'met_at' | 'flag' | 'flag2'>): Partial<Record<Counter, number>> {
  switch (f.kind) {
    case 'dispatch':
      return { dispatched: 1, sign_met: f.met_at ? 1 : 0, sign_met_in_time: f.met_at && f.due_at && f.met_at <= f.due_at ? 1 : 0 };
    case 'reply':
      return { replied: 1, replied_on_time: f.flag };
    case 'visit':
      return { visited: 1, resolved: f.flag, satisfied: f.flag2 };
    case 'reopen':
      return { reopened: 1 };
    default:
      return {};
  }
}

/** The order's facts as the hotline kind publishes them. */
const factsOfOrder = (kind: CaseKindDefinition, doc: OrderDoc) => kind.facts(doc.state) as HotlineCaseFacts;

/** The facts one event adds or changes, given the order (its published facts) before and after it. */
export function factsOf(before: OrderDoc & { facts: HotlineCaseFacts }, after: OrderDoc & { facts: HotlineCaseFacts }, e: StoredEvent): HotlineFact[] {
  const s = { ...after.facts, unitId: after.facts.unitId ?? '' };
  const at = e.metadata.occurredAt;
  const rec = iso(e.metadata.recordedAt);
  const recs = after.recs ?? {};
  const orderNo = s.orderNo;
  const fact = (f: Omit<HotlineFact, 'order_no' | 'month' | 'flag' | 'flag2' | 'due_at' | 'met_at' | 'rec' | 'met_rec' | 'until_rec'> & Partial<HotlineFact>): HotlineFact => ({
    order_no: orderNo,
    month: monthOf(f.at),
    due_at: null,
    met_at: null,
    flag: 0,
    flag2: 0,
    rec,
    met_rec: null,
    until_rec: null,
    ...f,
    at: iso(f.at),
  });
  const out: HotlineFact[] = [];
  // An extension replaced a deadline's due time: keep the version it replaced, for answers as known before it.
  for (const d of s.deadlines) {
    const prev = before.facts.deadlines.find((p) => p.stage === d.stage && p.round === d.round);
    if (!prev || prev.dueAt === d.dueAt) continue;
    const since = before.recs?.[`due:${dlKey(d)}`] ?? rec;
    out.push(
      fact({
        id: `${orderNo}/deadline/${d.stage}/${d.round}/until/${rec}`,
        kind: 'deadline_prior',
        unit_id: after.roundUnits[d.round] ?? s.unitId,
        at: prev.dueAt,
        due_at: iso(prev.dueAt),
        rec: since,
        until_rec: rec,
      }),
    );
  }
  // Dispatch and deadline facts are rewritten from the state after every event that touches deadlines.
  const touchesDeadlines = ['OrderDispatched', 'OrderRedispatched', 'OrderReopened', 'OrderSigned', 'OrderReturned', 'ExtensionDecided', 'OrderReplied'].includes(e.type);
  if (touchesDeadlines) {
    for (const d of s.deadlines) {
      const unitId = after.roundUnits[d.round] ?? s.unitId;
      const closedRec = d.state !== 'pending' ? (recs[`closed:${dlKey(d)}`] ?? rec) : null;
      if (d.stage === 'sign') {
        const metAt = d.state === 'met' && d.closedAt ? iso(d.closedAt) : null;
        out.push(fact({ id: `${orderNo}/dispatch/${d.round}`, kind: 'dispatch', unit_id: unitId, at: d.startedAt, due_at: iso(d.dueAt), met_at: metAt, rec: recs[`due:sign/${d.round}`] ?? rec, met_rec: metAt ? closedRec : null }));
      }
      out.push(
        fact({
          id: `${orderNo}/deadline/${d.stage}/${d.round}`,
          kind: 'deadline',
          unit_id: unitId,
          at: d.dueAt,
          due_at: iso(d.dueAt),
          met_at: d.state === 'met' && d.closedAt ? iso(d.closedAt) : null,
          // flag = 1: cancelled (a returned order's reply stage) — never overdue.
          flag: d.state === 'cancelled' ? 1 : 0,
          rec: recs[`due:${dlKey(d)}`] ?? rec,
          met_rec: closedRec,
        }),
      );
    }
  }
  if (e.type === 'OrderReplied') {
    const reply = before.facts.deadlines.find((d) => d.stage === 'reply' && d.state === 'pending');
    const onTime = reply ? Date.parse(at) <= Date.parse(reply.dueAt) : false;
    out.push(fact({ id: e.id, kind: 'reply', unit_id: s.reply?.unitId ?? s.unitId, at, due_at: reply ? iso(reply.dueAt) : null, flag: onTime ? 1 : 0 }));
  }
  if (e.type === 'OrderVisited' && s.lastVisit) {
    const satisfied = s.lastVisit.satisfaction === 'satisfied' || s.lastVisit.satisfaction === 'basically_satisfied';
    out.push(fact({ id: e.id, kind: 'visit', unit_id: s.reply?.unitId ?? s.unitId, at, flag: s.lastVisit.resolved ? 1 : 0, flag2: satisfied ? 1 : 0 }));
  }
  if (e.type === 'OrderReopened') out.push(fact({ id: e.id, kind: 'reopen', unit_id: s.unitId, at }));
  return out;
}

/** 排名事实表 — the facts of every work order, for the hotline ranking's SQL aggregates. */
export const hotlineFactsProjection = (kinds: CaseKindRegistry): Projection => ({
  name: 'report-hotline-facts',
  version: 5,
  async migrate(db: Kysely<any>) {
    await db.schema.createTable(ORDERS_TABLE).ifNotExists().addColumn('id', 'text', (c) => c.primaryKey()).addColumn('doc', 'text', (c) => c.notNull()).execute();
    await db.schema
      .createTable(HOTLINE_FACTS_TABLE)
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('order_no', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text')
      .addColumn('met_at', 'text')
      .addColumn('flag', 'integer', (c) => c.notNull())
      .addColumn('flag2', 'integer', (c) => c.notNull())
      .addColumn('rec', 'text')
      .addColumn('met_rec', 'text')
      .addColumn('until_rec', 'text')
      .execute();
    let monthly = db.schema.createTable(HOTLINE_MONTHLY_TABLE).ifNotExists().addColumn('id', 'text', (c) => c.primaryKey()).addColumn('month', 'text', (c) => c.notNull()).addColumn('unit_id', 'text', (c) => c.notNull());
    for (const c of MONTHLY_COUNTERS) monthly = monthly.addColumn(c, 'integer', (col) => col.notNull());
    await monthly.execute();
    await db.schema.createIndex(`${HOTLINE_MONTHLY_TABLE}_month_idx`).ifNotExists().on(HOTLINE_MONTHLY_TABLE).columns(['month', 'unit_id']).execute();
    // Partial indexes for the two time-dependent figures: dispatches not signed yet, and deadlines missed.
    // met_at is listed although the predicate fixes it: SQLite counts a partial index as covering only if it holds every
    // column the query names, and without covering it scanned the month's dispatches through the plain month index.
    await sql`drop index if exists ${sql.raw(`${HOTLINE_FACTS_TABLE}_unmet_dispatch2_idx`)}`.execute(db);
    await sql`create index if not exists ${sql.raw(`${HOTLINE_FACTS_TABLE}_unmet_dispatch3_idx`)} on ${sql.table(HOTLINE_FACTS_TABLE)} (month, kind, unit_id, due_at, met_at) where kind = 'dispatch' and met_at is null`.execute(db);
    await sql`create index if not exists ${sql.raw(`${HOTLINE_FACTS_TABLE}_missed2_idx`)} on ${sql.table(HOTLINE_FACTS_TABLE)} (month, kind, unit_id, order_no, due_at, met_at, flag) where kind = 'deadline' and flag = 0 and (met_at is null or met_at > due_at)`.execute(db);
    await db.schema.createIndex(`${HOTLINE_FACTS_TABLE}_month_idx`).ifNotExists().on(HOTLINE_FACTS_TABLE).columns(['month', 'kind', 'unit_id']).execute();
  },
  async reset(db: Kysely<any>) {
    await db.deleteFrom(ORDERS_TABLE).execute();
    await db.deleteFrom(HOTLINE_FACTS_TABLE).execute();
    await db.deleteFrom(HOTLINE_MONTHLY_TABLE).execute();
  },
  async apply(trx: Kysely<any>, events: StoredEvent[]) {
    const kind = kinds.byKind('hotline');
    const byOrder = new Map<string, StoredEvent[]>();
    for (const e of events) {
      if (!e.streamId.startsWith(kind.streamPrefix)) continue;
      const list = byOrder.get(e.streamId);
      if (list) list.push(e);
      else byOrder.set(e.streamId, [e]);
    }
    if (!byOrder.size) return;
    const docs = new Map<string, OrderDoc>();
    for (const ids of chunks([...byOrder.keys()])) {
      for (const r of await trx.selectFrom(ORDERS_TABLE).select(['id', 'doc']).where('id', 'in', ids).execute()) docs.set(r.id as string, JSON.parse(r.doc as string));
    }
    const facts = new Map<string, HotlineFact>();
    const orderRows: Array<{ id: string; doc: string }> = [];
    for (const [streamId, list] of byOrder) {
      let doc: OrderDoc = docs.get(streamId) ?? { state: kind.initialState(), roundUnits: {}, recs: {} };
      for (const e of list) {
        const state = kind.evolve(doc.state, toRecorded(e));
        const was = factsOfOrder(kind, doc);
        const now = factsOfOrder(kind, { ...doc, state });
        const next: OrderDoc = {
          state,
          roundUnits: now.round !== was.round ? { ...doc.roundUnits, [now.round]: now.unitId ?? '' } : doc.roundUnits,
          recs: recsAfter(was, now, doc.recs ?? {}, e),
        };
        for (const f of factsOf({ ...doc, facts: was }, { ...next, facts: now }, e)) facts.set(f.id, f);
        doc = next;
      }
      orderRows.push({ id: streamId, doc: JSON.stringify(doc) });
    }
    await upsertRows(trx, ORDERS_TABLE, orderRows);
    // Counters move by the difference between each fact's old and new contribution (a fact may change month or unit).
    const deltas = new Map<string, { month: string; unit_id: string; values: Record<Counter, number> }>();
    const addTo = (f: HotlineFact, sign: 1 | -1) => {
      const key = `${f.month}/${f.unit_id}`;
      const entry = deltas.get(key) ?? { month: f.month, unit_id: f.unit_id, values: Object.fromEntries(MONTHLY_COUNTERS.map((c) => [c, 0])) as Record<Counter, number> };
      for (const [c, v] of Object.entries(contribution(f))) entry.values[c as Counter] += sign * (v ?? 0);
      deltas.set(key, entry);
    };
    for (const ids of chunks([...facts.keys()])) {
      for (const old of await trx.selectFrom(HOTLINE_FACTS_TABLE).selectAll().where('id', 'in', ids).execute()) addTo({ ...(old as HotlineFact), flag: Number(old.flag), flag2: Number(old.flag2) }, -1);
    }
    for (const f of facts.values()) addTo(f, 1);
    const counterRows = [...deltas.entries()].map(([id, d]) => ({ id, month: d.month, unit_id: d.unit_id, ...d.values }));
    const addSet = Object.fromEntries(MONTHLY_COUNTERS.map((c) => [c, sql`${sql.ref(`${HOTLINE_MONTHLY_TABLE}.${c}`)} + ${sql.ref(`excluded.${c}`)}`]));
    for (const part of chunks(counterRows, 500)) {
      await trx.insertInto(HOTLINE_MONTHLY_TABLE).values(part).onConflict((oc) => oc.column('id').doUpdateSet(addSet)).execute();
    }
    await upsertRows(trx, HOTLINE_FACTS_TABLE, [...facts.values()]);
  },
});
