import type { CaseKindDefinition, PetitionCaseFacts } from '@qf/contracts';
import type { Recorded } from '@qf/kernel';
import { PETITION_STREAM_PREFIX, Petition, PetitionEvent, evolvePetition, initialPetition } from './petition';

/**
 * 信访件 as other contexts read it: cleared when closed or not accepted; its main stage is `handle` (`accept` when not
 * accepted); `assign` escalates from the petitions bureau, every other stage from the handling unit.
 */
export const petitionCaseKind: CaseKindDefinition<Petition> = {
  kind: 'petition',
  streamPrefix: PETITION_STREAM_PREFIX,
  initialState: initialPetition,
  evolve: (state, event) => evolvePetition(state, event as Recorded<PetitionEvent>),
  facts: (s): PetitionCaseFacts => ({
    exists: s.exists,
    unitId: s.unitId,
    receivedAt: s.receivedAt,
    cleared: s.status === 'closed' || s.status === 'not_accepted',
    mainStage: s.status === 'not_accepted' ? 'accept' : 'handle',
    deadlines: s.deadlines,
    status: s.status,
    reply: s.reply && { repliedAt: s.reply.repliedAt },
    closedAt: s.closedAt,
    rejectedAt: s.rejection?.rejectedAt ?? null,
  }),
  escalation: { responsible: (stage) => (stage === 'assign' ? 'petitions_bureau' : 'handling_unit'), topLevel: 3 },
  readers: { roles: ['petition_officer', 'leader'], units: true },
};
