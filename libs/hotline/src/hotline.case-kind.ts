import type { CaseKindDefinition, HotlineCaseFacts } from '@qf/contracts';
import type { Recorded } from '@qf/kernel';
import { STREAM_PREFIX, WorkOrder, WorkOrderEvent, evolve, initialWorkOrder } from './work-order';

/**
 * 12345 工单 as other contexts read it: received at first dispatch, handled by its current unit, cleared when closed,
 * on time when its reply stage was met in time; every stage escalates from the handling unit up to level 3.
 */
export const hotlineCaseKind: CaseKindDefinition<WorkOrder> = {
  kind: 'hotline',
  streamPrefix: STREAM_PREFIX,
  initialState: initialWorkOrder,
  evolve: (state, event) => evolve(state, event as Recorded<WorkOrderEvent>),
  facts: (s): HotlineCaseFacts => ({
    exists: s.exists,
    unitId: s.unitId || null,
    receivedAt: s.receivedAt,
    cleared: s.status === 'closed',
    mainStage: 'reply',
    deadlines: s.deadlines,
    orderNo: s.orderNo,
    round: s.round,
    reply: s.reply && { unitId: s.reply.unitId, repliedAt: s.reply.repliedAt },
    lastVisit: s.lastVisit && { satisfaction: s.lastVisit.satisfaction, resolved: s.lastVisit.resolved, visitedAt: s.lastVisit.visitedAt },
  }),
  escalation: { responsible: () => 'handling_unit', topLevel: 3 },
  readers: { roles: ['hotline_operator', 'leader'], units: true },
};
