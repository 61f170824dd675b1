import { StoredEvent } from '@qf/event-store';
import { maskName, maskPhone } from '@qf/platform';
import { Caller, WorkOrder, deadlineView } from './work-order';

export const maskCaller = (caller: Caller | null): Caller | null =>
  caller ? { ...(caller.name ? { name: maskName(caller.name) } : {}), ...(caller.phone ? { phone: maskPhone(caller.phone) } : {}) } : null;

/** The case detail of SPEC §3: kind, id, status, unitId, deadlines (with their state at `now`), version. */
export function orderDetail(state: WorkOrder, version: number, now: Date, revealCaller: boolean) {
  return {
    kind: 'hotline' as const,
    id: state.orderNo,
    orderNo: state.orderNo,
    status: state.status,
    unitId: state.unitId,
    channel: state.channel,
    category: state.category,
    urgency: state.urgency,
    content: state.content,
    caller: revealCaller ? state.caller : maskCaller(state.caller),
    address: state.address,
    receivedAt: state.receivedAt,
    lastDispatchedAt: state.lastDispatchedAt,
    round: state.round,
    deadlines: state.deadlines.map((d) => deadlineView(d, now)),
    extension: state.extension,
    reply: state.reply,
    lastVisit: state.lastVisit,
    returnCount: state.returnCount,
    reopenCount: state.reopenCount,
    version,
  };
}

export type OrderDetail = ReturnType<typeof orderDetail>;

/** The event timeline (SPEC §3): callers masked for everyone. */
export function timelineEntry(e: StoredEvent) {
  const data = e.data as { caller?: Caller | null };
  return {
    revision: e.revision,
    type: e.type,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    actor: e.metadata.actor,
    correlationId: e.metadata.correlationId,
    causationId: e.metadata.causationId,
    data: 'caller' in data ? { ...data, caller: maskCaller(data.caller ?? null) } : data,
  };
}
