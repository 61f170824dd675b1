import type { Actor } from '@qf/kernel';

/**
 * What a reporting decide reads beside the command and the state: who asks, and when. Who may create a campaign or
 * set the weights (admin) is the routes' guard; a publication runs as the system.
 */
export interface ReportingDecideContext {
  actor: Actor;
  now: Date;
}
