import type { StoredEvent } from '@qf/event-store';
import { documentProjection } from '@qf/projections';
import { nextDueAt, toRecorded } from '@qf/platform';
import { CLUE_STREAM_PREFIX, Clue, ClueEvent, evolveClue, initialClue } from '../clue';

export const CLUES_TABLE = 'clues';

export type ClueRow = Clue & { version: number };

/**
 * 线索台账 read model. `unit_id` is the first subject's unit, so the `unitId` list filter finds clues about people of
 * a unit's subtree; the reporter stays sealed as in the events.
 */
export const cluesProjection = documentProjection<ClueRow>({
  name: 'clues',
  version: 1,
  table: CLUES_TABLE,
  columns: { status: 'text', unit_id: 'text', received_at: 'text', next_due_at: 'text', source: 'text' },
  indexes: [['unit_id', 'received_at'], ['status'], ['next_due_at'], ['source']],
  key: (e: StoredEvent) => (e.streamId.startsWith(CLUE_STREAM_PREFIX) ? e.streamId.slice(CLUE_STREAM_PREFIX.length) : null),
  evolve: (row: ClueRow | null, e: StoredEvent): ClueRow => ({ ...evolveClue(row ?? initialClue(), toRecorded<ClueEvent>(e)), version: e.revision }),
  columnsOf: (row: ClueRow) => ({
    status: row.status,
    unit_id: row.subjects[0]?.unitId ?? null,
    received_at: new Date(row.receivedAt).toISOString(),
    next_due_at: nextDueAt(row.deadlines),
    source: row.source,
  }),
});

/** 审计 — every unmasked read of a reporter's identity, from the `audit-*` streams. */
export const AUDIT_TABLE = 'audit_log';
export interface AuditRow {
  eventId: string;
  action: 'reporter_identity_read';
  clueId: string;
  reader: string;
  readerName: string;
  at: string;
}

export const auditProjection = documentProjection<AuditRow>({
  name: 'audit-log',
  version: 1,
  table: AUDIT_TABLE,
  columns: { clue_id: 'text', reader: 'text', at: 'text' },
  indexes: [['clue_id'], ['reader'], ['at']],
  key: (e: StoredEvent) => (e.streamId.startsWith('audit-') && e.type === 'ReporterIdentityRead' ? e.id : null),
  evolve: (_row, e) => {
    const d = e.data as { clueId: string; reader: string; readerName: string };
    return { eventId: e.id, action: 'reporter_identity_read', clueId: d.clueId, reader: d.reader, readerName: d.readerName, at: e.metadata.occurredAt };
  },
  columnsOf: (row) => ({ clue_id: row.clueId, reader: row.reader, at: new Date(row.at).toISOString() }),
});
