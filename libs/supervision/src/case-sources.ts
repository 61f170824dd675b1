import type { Aggregate, DomainEvent } from '@qf/platform';
import { STREAM_PREFIX as HOTLINE_PREFIX, workOrderAggregate, type WorkOrder } from '@qf/hotline';
import { PETITION_STREAM_PREFIX, petitionAggregate, type Petition } from '@qf/petition';
import { CLUE_STREAM_PREFIX, clueAggregate, type Clue } from '@qf/clue';
import type { CaseKind } from './escalation-ladder';
import type { CaseFacts } from './escalation';
import { SUPERVISION_STREAM_PREFIX, supervisionOrderAggregate, type SupervisionOrder } from './supervision-order';

/** How the ladder reads one case kind: its stream names, its fold, and the facts a deadline needs from its state. */
export interface CaseSource<S = any> {
  kind: CaseKind;
  prefix: string;
  aggregate: Aggregate<S, DomainEvent>;
  facts(state: S): CaseFacts;
}

const source = <S>(kind: CaseKind, prefix: string, aggregate: Aggregate<S, any>, facts: (s: S) => CaseFacts): CaseSource<S> => ({ kind, prefix, aggregate, facts });

/** Every case kind with time limits (SPEC §4). */
export const CASE_SOURCES: CaseSource[] = [
  source<WorkOrder>('hotline', HOTLINE_PREFIX, workOrderAggregate, (s) => ({ exists: s.exists, caseUnitId: s.unitId || null, deadlines: s.deadlines })),
  source<Petition>('petition', PETITION_STREAM_PREFIX, petitionAggregate, (s) => ({ exists: s.exists, caseUnitId: s.unitId, deadlines: s.deadlines })),
  source<Clue>('clue', CLUE_STREAM_PREFIX, clueAggregate, (s) => ({ exists: s.exists, caseUnitId: null, deadlines: s.deadlines })),
  source<SupervisionOrder>('supervision_order', SUPERVISION_STREAM_PREFIX, supervisionOrderAggregate, (s) => ({ exists: s.exists, caseUnitId: s.unitId || null, deadlines: s.deadlines })),
];

export const sourceOfKind = (kind: CaseKind): CaseSource => CASE_SOURCES.find((s) => s.kind === kind)!;

/** The case a stream belongs to, or null for streams without deadlines (directory, sequences, audit). */
export function caseOfStream(streamId: string): { source: CaseSource; caseId: string } | null {
  for (const s of CASE_SOURCES) if (streamId.startsWith(s.prefix)) return { source: s, caseId: streamId.slice(s.prefix.length) };
  return null;
}
