import type { Actor } from '@qf/kernel';
import type { EscalatedKind } from './escalation';
import type { LadderDirectory } from './escalation-ladder';

/**
 * Inputs every escalation decision gets besides its command: who, when, the registered case kind whose stream holds
 * the escalations (its facts and ladder rules), and the directory as the ladder needs it (read when a rung fires:
 * 机构改革 moves the targets too).
 */
export interface EscalationDecideContext {
  actor: Actor;
  now: Date;
  kind: EscalatedKind;
  ladder: () => LadderDirectory;
}
