import type { StoredEvent } from '@qf/event-store';
import { documentProjection } from '@qf/projections';
import { shanghaiMonth, toRecorded } from '@qf/kernel';
import type { CaseKindDefinition, CaseKindRegistry, PetitionCaseFacts } from '@qf/contracts';

export const PETITION_FACTS_TABLE = 'report_petition_facts';
export const ESCALATION_FACTS_TABLE = 'report_escalation_facts';

const iso = (t: string | null | undefined) => (t ? new Date(t).toISOString() : null);
const monthOf = (t: string | null | undefined) => (t ? shanghaiMonth(new Date(t)) : null);

/** A petition as the petition ranking counts it (SPEC §7): assignment, acceptance, reply and closure times. */
export interface PetitionFactsDoc {
  /** The petition as the registered petition kind folds it (opaque here: read through its facts). */
  state: unknown;
  /** recordedAt of the event that last changed each tracked column (see REC_OF), and the handle stage's first due time. */
  recs?: Record<string, string>;
  handleDue0?: string | null;
}

const stage = (s: PetitionCaseFacts, name: string) => s.deadlines.filter((d) => d.stage === name).sort((a, b) => b.round - a.round)[0];

/** The petition's ranking columns, from its state. */
function petitionColumns(s: PetitionCaseFacts) {
  const accept = stage(s, 'accept');
  const handle = stage(s, 'handle');
  const closedAt = s.status === 'closed' ? s.closedAt : s.status === 'not_accepted' ? s.rejectedAt : null;
  return {
    unit_id: s.unitId,
    assigned_month: monthOf(accept?.startedAt),
    accept_due: iso(accept?.dueAt),
    accept_met: accept?.state === 'met' ? iso(accept.closedAt) : null,
    replied_month: monthOf(s.reply?.repliedAt),
    handle_on_time: s.reply && handle ? (handle.state === 'met' && handle.closedAt && Date.parse(handle.closedAt) <= Date.parse(handle.dueAt) ? 1 : 0) : null,
    handle_due: iso(handle?.dueAt),
    handle_met: handle?.state === 'met' ? iso(handle.closedAt) : null,
    closed_at: iso(closedAt ?? null),
  };
}

/** Which column's change each record-time column follows, for answers as known at `knownAt` (SPEC §3). */
const REC_OF = {
  assigned_rec: 'assigned_month',
  accept_met_rec: 'accept_met',
  replied_rec: 'replied_month',
  closed_rec: 'closed_at',
  handle_due_rec: 'handle_due',
  handle_met_rec: 'handle_met',
} as const;

/** 信访排名事实 — one row per petition, for accept-on-time, handle-on-time and close rates by month and unit. */
export const petitionFactsProjection = (kinds: CaseKindRegistry) => {
  const kind: CaseKindDefinition = kinds.byKind('petition');
  const columnsOfState = (state: unknown) => petitionColumns(kind.facts(state) as PetitionCaseFacts);
  return documentProjection<PetitionFactsDoc>({
  name: 'report-petition-facts',
  version: 3,
  table: PETITION_FACTS_TABLE,
  columns: {
    unit_id: 'text',
    assigned_month: 'text',
    accept_due: 'text',
    accept_met: 'text',
    replied_month: 'text',
    handle_on_time: 'integer',
    handle_due: 'text',
    handle_met: 'text',
    closed_at: 'text',
    // Record times (SPEC §3 knownAt); `handle_due0`/`handle_rec`: the handle limit before any extension, and since when.
    assigned_rec: 'text',
    accept_met_rec: 'text',
    replied_rec: 'text',
    closed_rec: 'text',
    handle_due_rec: 'text',
    handle_met_rec: 'text',
    handle_due0: 'text',
    handle_rec: 'text',
  },
  indexes: [['assigned_month', 'unit_id'], ['replied_month', 'unit_id']],
  key: (e: StoredEvent) => (e.streamId.startsWith(kind.streamPrefix) ? e.streamId.slice(kind.streamPrefix.length) : null),
  evolve: (doc, e) => {
    const before = doc?.state ?? kind.initialState();
    const state = kind.evolve(before, toRecorded(e));
    const was = columnsOfState(before);
    const now = columnsOfState(state);
    const recs = { ...(doc?.recs ?? {}) };
    for (const [recColumn, column] of Object.entries(REC_OF)) if (now[column] !== was[column]) recs[recColumn] = iso(e.metadata.recordedAt)!;
    let handleDue0 = doc?.handleDue0 ?? null;
    if (!handleDue0 && now.handle_due) {
      handleDue0 = now.handle_due;
      recs.handle_rec = iso(e.metadata.recordedAt)!;
    }
    return { state, recs, handleDue0 };
  },
  columnsOf: ({ state, recs, handleDue0 }) => ({ ...columnsOfState(state), ...(recs ?? {}), handle_due0: handleDue0 ?? null }),
  });
};

/** One rung of the ladder, for the supervision ranking: whose deadline (U), which level, which month. */
export interface EscalationFact {
  unitId: string;
  level: number;
  caseKind: string;
  escalatedAt: string;
  /** recordedAt of the escalation event, for knownAt (SPEC §3). */
  recordedAt?: string;
}

/** 督办排名事实 — one row per escalation. */
export const escalationFactsProjection = documentProjection<EscalationFact>({
  name: 'report-escalation-facts',
  version: 2,
  table: ESCALATION_FACTS_TABLE,
  columns: { unit_id: 'text', level: 'integer', month: 'text', rec: 'text' },
  indexes: [['month', 'unit_id']],
  key: (e: StoredEvent) => (e.type === 'DeadlineEscalated' ? (e.data as { escalationId: string }).escalationId : null),
  evolve: (_doc, e) => {
    const d = e.data as { unitId: string; level: number; caseKind: string };
    return { unitId: d.unitId, level: d.level, caseKind: d.caseKind, escalatedAt: e.metadata.occurredAt, recordedAt: e.metadata.recordedAt };
  },
  columnsOf: (doc) => ({ unit_id: doc.unitId, level: doc.level, month: monthOf(doc.escalatedAt), rec: iso(doc.recordedAt ?? doc.escalatedAt) }),
});
