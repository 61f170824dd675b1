import type { StoredEvent } from '@qf/event-store';
import { documentProjection } from '@qf/projections';
import type { Role } from '@qf/kernel';
import type { CaseKind, EscalationLevel } from '../escalation-ladder';
import { ESCALATION_EVENT_TYPES, type EscalationEvent } from '../escalation';

export const ESCALATIONS_TABLE = 'escalations';

/** An escalation as SPEC §4 shows it, plus who acknowledged it and level 3's accountability clue. */
export interface EscalationDoc {
  id: string;
  caseKind: CaseKind;
  caseId: string;
  stage: string;
  round: number;
  level: EscalationLevel;
  unitId: string;
  targetUnitId: string;
  targetRole: Role;
  dueAt: string;
  escalatedAt: string;
  state: 'open' | 'acknowledged';
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  comment: string | null;
  clueId: string | null;
  /** The case stream and the escalation's event id, for acknowledgement and causation. */
  streamId: string;
  eventId: string;
}

/** 督办收件箱 — one row per escalation, queried by its target unit and role. */
export const escalationsProjection = documentProjection<EscalationDoc>({
  name: 'escalations',
  version: 1,
  table: ESCALATIONS_TABLE,
  columns: { target_unit_id: 'text', target_role: 'text', level: 'integer', state: 'text', case_id: 'text', case_kind: 'text', stage: 'text', escalated_at: 'text' },
  indexes: [['target_unit_id', 'target_role', 'escalated_at'], ['case_id']],
  key: (e: StoredEvent) => (ESCALATION_EVENT_TYPES.has(e.type) ? (e.data as { escalationId: string }).escalationId : null),
  evolve: (doc: EscalationDoc | null, stored: StoredEvent): EscalationDoc | null => {
    const e = stored as unknown as StoredEvent & EscalationEvent;
    switch (e.type) {
      case 'DeadlineEscalated': {
        const d = e.data;
        return {
          id: d.escalationId,
          caseKind: d.caseKind,
          caseId: d.caseId,
          stage: d.stage,
          round: d.round,
          level: d.level,
          unitId: d.unitId,
          targetUnitId: d.targetUnitId,
          targetRole: d.targetRole,
          dueAt: d.dueAt,
          escalatedAt: stored.metadata.occurredAt,
          state: 'open',
          acknowledgedAt: null,
          acknowledgedBy: null,
          comment: null,
          clueId: null,
          streamId: stored.streamId,
          eventId: stored.id,
        };
      }
      case 'EscalationAcknowledged':
        return doc && { ...doc, state: 'acknowledged', acknowledgedAt: stored.metadata.occurredAt, acknowledgedBy: e.data.by.name ?? e.data.by.sub, comment: e.data.comment };
      case 'AccountabilityClueRegistered':
        return doc && { ...doc, clueId: e.data.clueId };
      default:
        return doc;
    }
  },
  columnsOf: (doc) => ({
    target_unit_id: doc.targetUnitId,
    target_role: doc.targetRole,
    level: doc.level,
    state: doc.state,
    case_id: doc.caseId,
    case_kind: doc.caseKind,
    stage: doc.stage,
    escalated_at: new Date(doc.escalatedAt).toISOString(),
  }),
});
