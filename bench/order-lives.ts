import { v4 as uuid } from 'uuid';
import type { EventStore, NewEvent } from '@qf/event-store';
import { DEFAULT_SLA_POLICY, formatShanghai } from '@qf/platform';
import { planRound } from '@qf/hotline';

const meta = (at: Date) => ({ occurredAt: formatShanghai(at), recordedAt: formatShanghai(at), actor: { sub: 'bench', unitId: 'U-RX', roles: ['hotline_operator'] }, correlationId: 'bench', causationId: null });

/** One work order's whole life as the hotline context records it: dispatched at `at`, signed an hour later, replied two. */
export function orderLife(orderNo: string, unitId: string, at: Date, content: string): NewEvent[] {
  return [
    { id: uuid(), type: 'OrderDispatched', data: { orderNo, channel: 'phone', category: '城市管理', urgency: 'normal', content, caller: null, address: null, unitId, deadlines: planRound(DEFAULT_SLA_POLICY, 'normal', at) }, metadata: meta(at) },
    { id: uuid(), type: 'OrderSigned', data: { orderNo, unitId }, metadata: meta(new Date(at.getTime() + 3_600_000)) },
    { id: uuid(), type: 'OrderReplied', data: { orderNo, unitId, outcome: 'resolved', reply: '已处理完毕并回复群众' }, metadata: meta(new Date(at.getTime() + 7_200_000)) },
  ];
}

/** Appends `orders` order lives (`life(i)` gives the i-th order's number, unit and dispatch time), `inFlight` at a time. */
export async function appendOrderLives(store: EventStore, orders: number, life: (i: number) => { orderNo: string; unitId: string; at: Date }, content: string, inFlight = 500): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < orders; i++) {
    const { orderNo, unitId, at } = life(i);
    pending.push(store.append(`hotline-${orderNo}`, orderLife(orderNo, unitId, at, content), 'no_stream'));
    if (pending.length >= inFlight) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
}
