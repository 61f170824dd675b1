import { DomainError, ruleViolation } from '@qf/kernel';
import type { Channel, OrderDispatched, StoredCaller, Urgency, WorkOrder } from '../work-order';
import { HotlineDecideContext, planRound } from '../hotline-rules';
export { ORDER_NO_PATTERN } from '../order-no';



/** 派单 — the create command as decide sees it: the caller, with the address, already sealed by the application service. */
export type CreateOrder = {
  type: 'CreateOrder';
  orderNo: string;
  channel: Channel;
  category: string;
  urgency: Urgency;
  content: string;
  caller: StoredCaller | null;
  unitId: string;
  dispatchedAt?: string;
};

/** The order already exists: is this a retry of the same create (answer it), or another order under the same number (409)? */
function isSameCreate(state: WorkOrder, c: CreateOrder): boolean {
  return (
    state.channel === c.channel &&
    state.category === c.category &&
    state.urgency === c.urgency &&
    state.content === c.content &&
    // The digest covers the address too; an order recorded with a plain-text address (before decision 91) has none.
    (state.caller?.digest ?? null) === (c.caller?.digest ?? null) &&
    // The first dispatch's unit; later redispatches do not make the original request another one.
    state.firstUnitId === c.unitId &&
    (c.dispatchedAt === undefined || Date.parse(c.dispatchedAt) === Date.parse(state.receivedAt))
  );
}

export function decideCreateOrder(command: CreateOrder, state: WorkOrder, ctx: HotlineDecideContext): { events: OrderDispatched[]; occurredAt: Date } {
  const dispatchedAt = command.dispatchedAt ? new Date(command.dispatchedAt) : ctx.now;
  if (state.exists) {
    if (isSameCreate(state, command)) return { events: [], occurredAt: dispatchedAt };
    throw new DomainError('DUPLICATE', `work order ${command.orderNo} already exists with other content`);
  }
  if (dispatchedAt.getTime() > ctx.now.getTime()) throw ruleViolation('dispatchedAt may not be in the future');
  return {
    occurredAt: dispatchedAt,
    events: [
      {
        type: 'OrderDispatched',
        data: {
          orderNo: command.orderNo,
          channel: command.channel,
          category: command.category,
          urgency: command.urgency,
          content: command.content,
          caller: command.caller,
          address: null,
          unitId: command.unitId,
          deadlines: planRound(ctx.policy, command.urgency, dispatchedAt),
        },
      },
    ],
  };
}
