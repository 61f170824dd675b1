import type { CaseKindDefinition } from '@qf/contracts';
import type { Recorded } from '@qf/kernel';
import { CLUE_STREAM_PREFIX, Clue, ClueEvent, evolveClue, initialClue, isHandled } from './clue';

/**
 * 问题线索 as other contexts read it: handled by the discipline unit (no handling unit of its own), cleared when
 * handled (处置完毕), on time when disposed of in time; its ladders stop at level 2 — no accountability clue about the
 * discipline unit itself.
 */
export const clueCaseKind: CaseKindDefinition<Clue> = {
  kind: 'clue',
  streamPrefix: CLUE_STREAM_PREFIX,
  initialState: initialClue,
  evolve: (state, event) => evolveClue(state, event as Recorded<ClueEvent>),
  facts: (s) => ({ exists: s.exists, unitId: null, receivedAt: s.receivedAt, cleared: isHandled(s), mainStage: 'disposition', deadlines: s.deadlines }),
  escalation: { responsible: () => 'discipline_unit', topLevel: 2 },
  readers: { roles: ['inspector', 'case_manager'], units: false },
};
