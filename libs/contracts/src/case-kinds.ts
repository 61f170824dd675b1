/**
 * Case kinds as other contexts read them (SPEC §3, §4, §6, §7). A kind's own lib defines how its stream folds and
 * what the fold means — its deadlines, the unit handling it, when it counts as received and cleared — and the apps
 * register the kinds they run; supervision (deadlines, the ladder) and reporting (clearance, rankings) only ever see
 * this interface. Adding a kind is its own lib plus one registration.
 */

/** A stage's time limit inside a case (the events that start a stage carry its due time). */
export interface CaseDeadline {
  stage: string;
  round: number;
  startedAt: string;
  dueAt: string;
  warnAt: string;
  state: 'pending' | 'met' | 'cancelled';
  closedAt: string | null;
}

/** An event as a fold sees it: its type and data with its business and record times. */
export interface FoldedEvent {
  type: string;
  data: any;
  occurredAt: string;
  recordedAt: string;
}

/** What supervision and reporting need of any case, from its folded state. */
export interface CaseFacts {
  exists: boolean;
  /** The unit handling the case now (承办单位); null before a petition is assigned, and for clues. */
  unitId: string | null;
  /** 受理: first dispatch (hotline), `receivedAt` (petition, clue, supervision order). */
  receivedAt: string;
  /** Cleared in the sense of SPEC §6 (hotline closed; petition closed or not accepted; clue handled). */
  cleared: boolean;
  /** The stage whose timeliness makes a clearance on time (§6: hotline reply, petition handle or accept, clue disposition). */
  mainStage: string;
  deadlines: CaseDeadline[];
}

/** What the hotline ranking (SPEC §7) reads of a work order, beyond any case's facts. */
export interface HotlineCaseFacts extends CaseFacts {
  orderNo: string;
  /** The dispatch round: a first dispatch, a redispatch and a reopen each start one. */
  round: number;
  reply: { unitId: string; repliedAt: string } | null;
  lastVisit: { satisfaction: 'satisfied' | 'basically_satisfied' | 'unsatisfied'; resolved: boolean; visitedAt: string } | null;
}

/** What the petition ranking (SPEC §7) reads of a petition, beyond any case's facts. */
export interface PetitionCaseFacts extends CaseFacts {
  status: string;
  reply: { repliedAt: string } | null;
  closedAt: string | null;
  rejectedAt: string | null;
}

/** Whose inbox the ladder of a stage climbs from (SPEC §4 "U"). */
export type ResponsibleUnit = 'handling_unit' | 'petitions_bureau' | 'discipline_unit';

export interface CaseKindDefinition<S = any> {
  /** The kind's name in URLs, escalations and reports: `hotline`, `petition`, `clue`, `supervision_order`. */
  kind: string;
  /** Its streams are `<streamPrefix><case id>`. */
  streamPrefix: string;
  initialState(): S;
  evolve(state: S, event: FoldedEvent): S;
  facts(state: S): CaseFacts;
  /** The ladder: who is responsible for a stage, and the highest level it climbs to (clue ladders stop at 2). */
  escalation: { responsible(stage: string): ResponsibleUnit; topLevel: 2 | 3 };
  /**
   * Who reads this kind's cases and deadlines (SPEC §1): `roles` read all of them; with `units`, a unit's handlers
   * and heads read those it handles and supervisors those of their subtree (clues: the discipline office alone).
   */
  readers: { roles: string[]; units: boolean };
}

/** The registered kinds, looked up by name or by stream. */
export class CaseKindRegistry {
  constructor(readonly kinds: readonly CaseKindDefinition[]) {}

  byKind(kind: string): CaseKindDefinition {
    const found = this.kinds.find((k) => k.kind === kind);
    if (!found) throw new Error(`case kind ${kind} is not registered`);
    return found;
  }

  has(kind: string): boolean {
    return this.kinds.some((k) => k.kind === kind);
  }

  /** The kind and case id of a stream, or null for streams that are not cases (directory, sequences, audit …). */
  ofStream(streamId: string): { definition: CaseKindDefinition; caseId: string } | null {
    for (const k of this.kinds) if (streamId.startsWith(k.streamPrefix)) return { definition: k, caseId: streamId.slice(k.streamPrefix.length) };
    return null;
  }
}
