import { decision, type Decision } from '@qf/kernel';
import type { SupervisionOrder, SupervisionOrderEvent } from './supervision-order';
import type { SupervisionOrderDecideContext } from './supervision-order.rules';
import { IssueSupervisionOrder, decideIssueSupervisionOrder } from './issue-supervision-order/issue-supervision-order';
import { AnswerSupervisionStage, decideAnswerSupervisionStage } from './answer-supervision-stage/answer-supervision-stage';

/** Every command of a supervision order (督办单, SPEC §4); each is defined in its slice. */
export type SupervisionOrderCommand = IssueSupervisionOrder | AnswerSupervisionStage;

/** The supervision order's one decide: a command and the state it meets → the events (or a domain error). */
export function decide(command: SupervisionOrderCommand, state: SupervisionOrder, ctx: SupervisionOrderDecideContext): Decision<SupervisionOrderEvent> {
  switch (command.type) {
    case 'IssueSupervisionOrder':
      return decision<SupervisionOrderEvent>(decideIssueSupervisionOrder(command, state, ctx));
    case 'AnswerSupervisionStage':
      return decision<SupervisionOrderEvent>(decideAnswerSupervisionStage(command, state, ctx));
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown supervision-order command ${JSON.stringify(_exhaustive)}`);
    }
  }
}
