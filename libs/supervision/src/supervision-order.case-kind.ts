import type { CaseKindDefinition } from '@qf/contracts';
import type { Recorded } from '@qf/kernel';
import { SUPERVISION_STREAM_PREFIX, SupervisionOrder, SupervisionOrderEvent, evolveSupervisionOrder, initialSupervisionOrder } from './supervision-order';

/** 督办单 as a case kind: its stages are answered by the unit handling the supervised case, up to level 3. */
export const supervisionOrderCaseKind: CaseKindDefinition<SupervisionOrder> = {
  kind: 'supervision_order',
  streamPrefix: SUPERVISION_STREAM_PREFIX,
  initialState: initialSupervisionOrder,
  evolve: (state, event) => evolveSupervisionOrder(state, event as Recorded<SupervisionOrderEvent>),
  facts: (s) => ({ exists: s.exists, unitId: s.unitId || null, receivedAt: s.issuedAt, cleared: s.status === 'completed', mainStage: 'resolve', deadlines: s.deadlines }),
  escalation: { responsible: () => 'handling_unit', topLevel: 3 },
  readers: { roles: ['leader'], units: true },
};
