import { decision, type Decision } from '@qf/kernel';
import type { WorkOrder, WorkOrderEvent } from './work-order';
import type { HotlineDecideContext } from './hotline-rules';
import { CreateOrder, decideCreateOrder } from './create-order/create-order';
import { SignOrder, decideSignOrder } from './sign-order/sign-order';
import { ReturnOrder, decideReturnOrder } from './return-order/return-order';
import { RedispatchOrder, decideRedispatchOrder } from './redispatch-order/redispatch-order';
import { RequestExtension, decideRequestExtension } from './request-extension/request-extension';
import { DecideExtension, decideExtensionDecision } from './decide-extension/decide-extension';
import { ReplyOrder, decideReplyOrder } from './reply-order/reply-order';
import { VisitOrder, decideVisitOrder } from './visit-order/visit-order';
import { ReopenOrder, decideReopenOrder } from './reopen-order/reopen-order';
import { ReferOrder, decideReferOrder } from './refer-order/refer-order';

/** Every command of a work order (SPEC §3.1); each is defined in its slice. */
export type WorkOrderCommand =
  | CreateOrder
  | SignOrder
  | ReturnOrder
  | RedispatchOrder
  | RequestExtension
  | DecideExtension
  | ReplyOrder
  | VisitOrder
  | ReopenOrder
  | ReferOrder;

/** The work order's one decide: a command and the state it meets → the events (or a domain error). */
export function decide(command: WorkOrderCommand, state: WorkOrder, ctx: HotlineDecideContext): Decision<WorkOrderEvent> {
  switch (command.type) {
    case 'CreateOrder':
      return decision<WorkOrderEvent>(decideCreateOrder(command, state, ctx));
    case 'SignOrder':
      return decision<WorkOrderEvent>(decideSignOrder(command, state, ctx));
    case 'ReturnOrder':
      return decision<WorkOrderEvent>(decideReturnOrder(command, state, ctx));
    case 'RedispatchOrder':
      return decision<WorkOrderEvent>(decideRedispatchOrder(command, state, ctx));
    case 'RequestExtension':
      return decision<WorkOrderEvent>(decideRequestExtension(command, state, ctx));
    case 'DecideExtension':
      return decision<WorkOrderEvent>(decideExtensionDecision(command, state, ctx));
    case 'ReplyOrder':
      return decision<WorkOrderEvent>(decideReplyOrder(command, state, ctx));
    case 'VisitOrder':
      return decision<WorkOrderEvent>(decideVisitOrder(command, state, ctx));
    case 'ReopenOrder':
      return decision<WorkOrderEvent>(decideReopenOrder(command, state, ctx));
    case 'ReferOrder':
      return decision<WorkOrderEvent>(decideReferOrder(command, state, ctx));
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown work-order command ${JSON.stringify(_exhaustive)}`);
    }
  }
}
