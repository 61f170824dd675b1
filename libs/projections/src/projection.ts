import { Kysely, sql } from 'kysely';
import type { StoredEvent } from '@qf/event-store';

/**
 * A read model fed by the runner in global order. `apply` runs inside the transaction that also moves the
 * projection's checkpoint, so a batch is applied entirely or not at all.
 */
export interface Projection {
  name: string;
  /** Bump when the shape or logic changes: the runner then rebuilds the projection from the first event. */
  version: number;
  migrate(db: Kysely<any>): Promise<void>;
  reset(db: Kysely<any>): Promise<void>;
  apply(trx: Kysely<any>, events: StoredEvent[]): Promise<void>;
}

export type ColumnKind = 'text' | 'integer' | 'real' | 'boolean';

export interface DocumentProjectionDef<TDoc> {
  name: string;
  version: number;
  table: string;
  /** Queryable columns beside the JSON document. */
  columns: Record<string, ColumnKind>;
  indexes?: string[][];
  /** The row an event touches, or null to ignore the event. */
  key(event: StoredEvent): string | null;
  /** evolve(row, event): the next document, or null to delete the row. */
  evolve(doc: TDoc | null, event: StoredEvent): TDoc | null;
  columnsOf(doc: TDoc): Record<string, unknown>;
}

export type DocumentProjection<TDoc> = Projection & { table: string; def: DocumentProjectionDef<TDoc> };

const CHUNK = 400;

/** `items` in slices of `size`, for `where id in (…)` and multi-row inserts that stay under the drivers' limits. */
export const chunks = <T>(items: T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Inserts rows keyed by `id`, replacing the `update` columns (default: every column but `id`) of rows that exist, in
 * multi-row statements sized for SQLite's and PostgreSQL's parameter limits.
 */
export async function upsertRows(trx: Kysely<any>, table: string, rows: object[], update?: string[]): Promise<void> {
  if (!rows.length) return;
  const columns = update ?? Object.keys(rows[0]).filter((c) => c !== 'id');
  const set = Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)]));
  for (const part of chunks(rows, Math.max(1, Math.floor(8000 / (Object.keys(rows[0]).length + 1))))) {
    await trx.insertInto(table).values(part as Record<string, unknown>[]).onConflict((oc) => oc.column('id').doUpdateSet(set)).execute();
  }
}

const SQL_TYPE: Record<ColumnKind, 'text' | 'integer' | 'real'> = { text: 'text', integer: 'integer', real: 'real', boolean: 'integer' };

/**
 * The common read model: one JSON document per key, evolved event by event, with a few typed columns for queries.
 * Per batch it loads each touched row once, folds all its events in memory and writes it back once — which is what
 * makes a rebuild fast.
 */
export function documentProjection<TDoc>(def: DocumentProjectionDef<TDoc>): DocumentProjection<TDoc> {
  const columnNames = Object.keys(def.columns);
  const toColumns = (doc: TDoc) => {
    const values = def.columnsOf(doc);
    const out: Record<string, unknown> = {};
    for (const c of columnNames) {
      const v = values[c] ?? null;
      out[c] = def.columns[c] === 'boolean' && v !== null ? (v ? 1 : 0) : v;
    }
    return out;
  };
  return {
    name: def.name,
    version: def.version,
    table: def.table,
    def,
    async migrate(db) {
      let create = db.schema.createTable(def.table).ifNotExists().addColumn('id', 'text', (c) => c.primaryKey()).addColumn('doc', 'text', (c) => c.notNull());
      for (const c of columnNames) create = create.addColumn(c, SQL_TYPE[def.columns[c]]);
      await create.execute();
      for (const cols of def.indexes ?? []) {
        await db.schema.createIndex(`${def.table}_${cols.join('_')}_idx`).ifNotExists().on(def.table).columns(cols).execute();
      }
    },
    async reset(db) {
      await db.deleteFrom(def.table).execute();
    },
    async apply(trx, events) {
      const byKey = new Map<string, StoredEvent[]>();
      for (const e of events) {
        const key = def.key(e);
        if (key === null) continue;
        const list = byKey.get(key);
        if (list) list.push(e);
        else byKey.set(key, [e]);
      }
      if (byKey.size === 0) return;
      const current = new Map<string, TDoc>();
      for (const ids of chunks([...byKey.keys()])) {
        const rows = await trx.selectFrom(def.table).select(['id', 'doc']).where('id', 'in', ids).execute();
        for (const r of rows) current.set(r.id as string, JSON.parse(r.doc as string) as TDoc);
      }
      const upserts: Record<string, unknown>[] = [];
      const deletes: string[] = [];
      for (const [id, list] of byKey) {
        let doc: TDoc | null = current.get(id) ?? null;
        for (const e of list) doc = def.evolve(doc, e);
        if (doc === null) {
          if (current.has(id)) deletes.push(id);
        } else upserts.push({ id, doc: JSON.stringify(doc), ...toColumns(doc) });
      }
      await upsertRows(trx, def.table, upserts, ['doc', ...columnNames]);
      for (const ids of chunks(deletes)) await trx.deleteFrom(def.table).where('id', 'in', ids).execute();
    },
  };
}

/** Reads one document back. */
export async function loadDoc<TDoc>(db: Kysely<any>, table: string, id: string): Promise<TDoc | null> {
  const row = await db.selectFrom(table).select('doc').where('id', '=', id).executeTakeFirst();
  return row ? (JSON.parse(row.doc as string) as TDoc) : null;
}
