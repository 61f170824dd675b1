import { withoutClueContents } from '@qf/contracts';
import type { RecordedEvent } from '@qf/event-store';
import { Erased, PiiVault, deadlineView, maskName, maskPhone, personViews, timelineEntry } from '@qf/platform';
import { Caller, StoredCaller, WorkOrder } from './work-order';

export const maskCaller = (caller: Caller): Caller => ({
  ...(caller.name ? { name: maskName(caller.name) } : {}),
  ...(caller.phone ? { phone: maskPhone(caller.phone) } : {}),
});

/** What a reader sees of a caller: in full, masked, or "[erased]" once the key is destroyed. */
export type CallerView = Caller | Erased | null;

export const callerViews = (vault: PiiVault, callers: Array<StoredCaller | null>, reveal: boolean[] | boolean): Promise<CallerView[]> =>
  personViews<Caller>(vault, callers, reveal, maskCaller);

/** The case detail of SPEC §3: kind, id, status, unitId, deadlines (with their state at `now`), version. */
export function orderDetail(state: WorkOrder, version: number, now: Date, caller: CallerView) {
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
    caller,
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
    referredClues: state.referredClues,
    version,
  };
}

export type OrderDetail = ReturnType<typeof orderDetail>;

/**
 * The event timeline (SPEC §3): the caller masked for everyone, never the sealed form or its digest, and a referral
 * without the clue's contents (§8).
 */
export async function timeline(vault: PiiVault, events: RecordedEvent[]) {
  const callers = events.map((e) => ((e.data as { caller?: StoredCaller | null }).caller ?? null));
  const views = await callerViews(vault, callers, callers.map(() => false));
  return events.map((e, i) => {
    const data = withoutClueContents(e.type, e.data) as Record<string, unknown>;
    return timelineEntry(e, 'caller' in data ? { ...data, caller: views[i] } : data);
  });
}
