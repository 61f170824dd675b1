import type { StoredEvent } from '@qf/event-store';
import { documentProjection } from '@qf/projections';

export const SANCTIONS_TABLE = 'report_sanctions';

/** One disposition of one person (人次), as the four-forms report counts it: no clue contents, no names. */
export interface SanctionRow {
  eventId: string;
  unitId: string;
  form: 1 | 2 | 3 | 4;
  measure: string;
  decidedAt: string;
}

/** 四种形态 statistics read model, fed by `SanctionRecorded` events of the clue streams. */
export const sanctionsProjection = documentProjection<SanctionRow>({
  name: 'report-sanctions',
  version: 1,
  table: SANCTIONS_TABLE,
  columns: { unit_id: 'text', decided_at: 'text', form: 'integer' },
  indexes: [['decided_at'], ['unit_id']],
  key: (e: StoredEvent) => (e.type === 'SanctionRecorded' && e.streamId.startsWith('clue-') ? e.id : null),
  evolve: (_row, e) => {
    const d = e.data as { subjectUnitId: string; form: 1 | 2 | 3 | 4; measure: string; decidedAt: string };
    return { eventId: e.id, unitId: d.subjectUnitId, form: d.form, measure: d.measure, decidedAt: d.decidedAt };
  },
  columnsOf: (row) => ({ unit_id: row.unitId, decided_at: new Date(row.decidedAt).toISOString(), form: row.form }),
});
