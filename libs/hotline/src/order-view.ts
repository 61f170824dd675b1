import { withoutClueContents } from '@qf/contracts';
import type { RecordedEvent } from '@qf/event-store';
import { Erased, PiiVault, deadlineView, maskAddress, maskName, maskPhone, noteDisclosure, personViews, timelineEntry } from '@qf/platform';
import { Caller, StoredCaller, WorkOrder } from './work-order';

export const maskCaller = (caller: Caller): Caller => ({
  ...(caller.name ? { name: maskName(caller.name) } : {}),
  ...(caller.phone ? { phone: maskPhone(caller.phone) } : {}),
  ...(caller.address ? { address: maskAddress(caller.address) } : {}),
});

/** What a reader sees of a caller: in full, masked, or "[erased]" once the key is destroyed. */
export type CallerView = Caller | Erased | null;

export const callerViews = (vault: PiiVault, callers: Array<StoredCaller | null>, reveal: boolean[] | boolean): Promise<CallerView[]> =>
  personViews<Caller>(vault, callers, reveal, maskCaller);

/**
 * The caller's view split the way the API shows it (SPEC §3.1): `caller` {name, phone} and `address` beside it. An
 * address recorded in plain text before decision 91 is shown as a sealed one would be: in full or masked.
 */
function contactOf(view: CallerView, plainAddress: string | null, reveal: boolean): { caller: CallerView; address: string | null } {
  const legacy = plainAddress === null ? null : reveal ? plainAddress : maskAddress(plainAddress);
  // The view itself when it holds no address: the idempotency store finds person views by identity.
  if (view === null || typeof view !== 'object' || view.address === undefined) return { caller: view, address: legacy };
  const { address, ...caller } = view;
  return { caller: caller.name || caller.phone ? caller : null, address: address ?? legacy };
}

/** The case detail of SPEC §3: kind, id, status, unitId, deadlines (with their state at `now`), version. */
export function orderDetail(state: WorkOrder, version: number, now: Date, view: CallerView, reveal: boolean) {
  const { caller, address } = contactOf(view, state.address, reveal);
  const detail = {
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
    address,
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
  // The address is a string, not a person view the idempotency store can find by identity: the whole answer counts as
  // showing the caller, so a remembered answer keeps it sealed under the caller's key (SPEC §8).
  if (address !== null && state.caller) noteDisclosure(detail, state.caller.sealed);
  return detail;
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
    return timelineEntry(e, 'caller' in data ? { ...data, ...contactOf(views[i], (data.address as string | null) ?? null, false) } : data);
  });
}
