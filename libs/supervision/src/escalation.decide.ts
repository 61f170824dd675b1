import { decision, type Decision } from '@qf/kernel';
import type { Escalatable, EscalationEvent } from './escalation';
import type { EscalationDecideContext } from './escalation.rules';
import { FireEscalations, decideFireEscalations } from './fire-escalations/fire-escalations';
import { AcknowledgeEscalation, decideAcknowledgeEscalation } from './acknowledge-escalation/acknowledge-escalation';

/** Every command of the escalations in a case's stream (超期督办, SPEC §4); each is defined in its slice. */
export type EscalationCommand = FireEscalations | AcknowledgeEscalation;

/** The escalations' one decide: a command and the case (folded with its escalations) it meets → the events. */
export function decide(command: EscalationCommand, state: Escalatable<unknown>, ctx: EscalationDecideContext): Decision<EscalationEvent> {
  switch (command.type) {
    case 'FireEscalations':
      return decision<EscalationEvent>(decideFireEscalations(command, state, ctx));
    case 'AcknowledgeEscalation':
      return decision<EscalationEvent>(decideAcknowledgeEscalation(command, state, ctx));
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown escalation command ${JSON.stringify(_exhaustive)}`);
    }
  }
}
