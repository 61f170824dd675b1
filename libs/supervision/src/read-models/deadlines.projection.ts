import type { Kysely } from 'kysely';
import type { StoredEvent } from '@qf/event-store';
import { chunks, upsertRows, type Projection } from '@qf/projections';
import { toRecorded, type Deadline } from '@qf/kernel';
import type { CaseKindDefinition, CaseKindRegistry } from '@qf/contracts';
import type { CaseKind } from '../escalation-ladder';
import { Escalatable, deadlineKey, escalatable, firedLevels, nextFireAt } from '../escalation';

export const DEADLINES_TABLE = 'deadlines';
export const DEADLINES_PROJECTION = 'deadlines';
const CASES_TABLE = 'deadline_cases';

/** One deadline as the schedulers and `GET /api/deadlines` see it. */
export interface DeadlineRow {
  id: string;
  kind: CaseKind;
  caseId: string;
  stage: string;
  round: number;
  /** The unit handling the case (null for clues and for a petition not yet assigned). */
  caseUnitId: string | null;
  state: Deadline['state'];
  startedAt: string;
  warnAt: string;
  dueAt: string;
  /** UTC ISO of the next rung not fired yet; null when the deadline is closed or its ladder is done. */
  nextFireAt: string | null;
  /** Highest rung fired for the current due time; -1 for none. */
  lastLevel: number;
}


/**
 * The deadline read model (SPEC §4, §11 "in-process scheduler over the deadline read model"): one row per deadline of
 * every case kind, with the time its next rung is due. The schedulers find work with one indexed query
 * (`state = 'pending' and next_fire_at <= now`); the truth of what fired stays in the case streams.
 *
 * It folds each case's stream (the registered kind's fold plus the escalations) into `deadline_cases`, so it depends
 * only on events and rebuilds to the same rows.
 */
export const deadlinesProjection = (kinds: CaseKindRegistry): Projection => ({
  name: DEADLINES_PROJECTION,
  // 2: a level fired before an extension moved the due time counts as fired (decision 33).
  version: 2,
  async migrate(db: Kysely<any>) {
    await db.schema.createTable(CASES_TABLE).ifNotExists().addColumn('id', 'text', (c) => c.primaryKey()).addColumn('doc', 'text', (c) => c.notNull()).execute();
    await db.schema
      .createTable(DEADLINES_TABLE)
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('case_unit_id', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('warn_at', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('next_fire_at', 'text')
      .addColumn('last_level', 'integer', (c) => c.notNull())
      .execute();
    // The schedulers page through pending rows by (next_fire_at, id): one index serves the filter, the cursor and the
    // order (with next_fire_at alone SQLite chose the state index and sorted every pending row for each page).
    await db.schema.createIndex('deadlines_due_idx').ifNotExists().on(DEADLINES_TABLE).columns(['state', 'next_fire_at', 'id']).execute();
    await db.schema.dropIndex('deadlines_next_fire_idx').ifExists().execute();
    await db.schema.createIndex('deadlines_state_due_idx').ifNotExists().on(DEADLINES_TABLE).columns(['state', 'due_at']).execute();
    await db.schema.createIndex('deadlines_case_idx').ifNotExists().on(DEADLINES_TABLE).columns(['case_id']).execute();
  },
  async reset(db: Kysely<any>) {
    await db.deleteFrom(CASES_TABLE).execute();
    await db.deleteFrom(DEADLINES_TABLE).execute();
  },
  async apply(trx: Kysely<any>, events: StoredEvent[]) {
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of events) {
      if (!kinds.ofStream(e.streamId)) continue;
      const list = byStream.get(e.streamId);
      if (list) list.push(e);
      else byStream.set(e.streamId, [e]);
    }
    if (byStream.size === 0) return;
    const docs = new Map<string, Escalatable<unknown>>();
    for (const ids of chunks([...byStream.keys()])) {
      for (const r of await trx.selectFrom(CASES_TABLE).select(['id', 'doc']).where('id', 'in', ids).execute()) docs.set(r.id as string, JSON.parse(r.doc as string));
    }
    const caseRows: Array<{ id: string; doc: string }> = [];
    const deadlineRows: Record<string, unknown>[] = [];
    for (const [streamId, list] of byStream) {
      const { definition, caseId } = kinds.ofStream(streamId)!;
      const aggregate = escalatable(definition);
      let doc = docs.get(streamId) ?? aggregate.initialState();
      for (const e of list) doc = aggregate.evolve(doc, toRecorded(e));
      caseRows.push({ id: streamId, doc: JSON.stringify(doc) });
      for (const row of deadlineRowsOf(definition, caseId, doc)) deadlineRows.push(toColumns(row));
    }
    await upsertRows(trx, CASES_TABLE, caseRows);
    await upsertRows(trx, DEADLINES_TABLE, deadlineRows);
  },
});

/** Every deadline of one case, as rows. */
export function deadlineRowsOf(definition: CaseKindDefinition, caseId: string, doc: Escalatable<unknown>): DeadlineRow[] {
  const kind = definition.kind;
  const facts = definition.facts(doc.inner);
  return facts.deadlines.map((d) => {
    const ref = { kind, caseId, stage: d.stage, round: d.round };
    const levels = [...firedLevels(ref, doc.fired)];
    return {
      id: deadlineKey(ref),
      kind,
      caseId,
      stage: d.stage,
      round: d.round,
      caseUnitId: facts.unitId,
      state: d.state,
      startedAt: d.startedAt,
      warnAt: d.warnAt,
      dueAt: d.dueAt,
      nextFireAt: nextFireAt(definition.escalation.topLevel, ref, d, doc.fired),
      lastLevel: levels.length ? Math.max(...levels) : -1,
    };
  });
}

const iso = (t: string) => new Date(t).toISOString();

function toColumns(r: DeadlineRow): Record<string, unknown> {
  return {
    id: r.id,
    kind: r.kind,
    case_id: r.caseId,
    stage: r.stage,
    round: r.round,
    case_unit_id: r.caseUnitId,
    state: r.state,
    started_at: iso(r.startedAt),
    warn_at: iso(r.warnAt),
    due_at: iso(r.dueAt),
    next_fire_at: r.nextFireAt,
    last_level: r.lastLevel,
  };
}

export function deadlineRowOf(c: Record<string, unknown>): DeadlineRow {
  return {
    id: c.id as string,
    kind: c.kind as CaseKind,
    caseId: c.case_id as string,
    stage: c.stage as string,
    round: Number(c.round),
    caseUnitId: (c.case_unit_id as string | null) ?? null,
    state: c.state as Deadline['state'],
    startedAt: c.started_at as string,
    warnAt: c.warn_at as string,
    dueAt: c.due_at as string,
    nextFireAt: (c.next_fire_at as string | null) ?? null,
    lastLevel: Number(c.last_level),
  };
}
