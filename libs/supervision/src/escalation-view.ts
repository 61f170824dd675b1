import type { EscalationDoc } from './read-models/escalations.projection';

/** An escalation as SPEC §4 shows it. */
export function publicEscalation(d: EscalationDoc) {
  return {
    id: d.id,
    caseKind: d.caseKind,
    caseId: d.caseId,
    stage: d.stage,
    level: d.level,
    unitId: d.unitId,
    targetUnitId: d.targetUnitId,
    targetRole: d.targetRole,
    dueAt: d.dueAt,
    escalatedAt: d.escalatedAt,
    state: d.state,
    acknowledgedAt: d.acknowledgedAt,
    acknowledgedBy: d.acknowledgedBy,
    comment: d.comment,
    ...(d.level === 3 ? { accountabilityClueId: d.clueId } : {}),
  };
}
