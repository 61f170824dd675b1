import type { Actor } from '@qf/kernel';

/**
 * What a directory decide reads beside the command and the state: who asks, and when. Who may change the directory
 * (admin) is the routes' guard; the seed runs as the system.
 */
export interface DirectoryDecideContext {
  actor: Actor;
  now: Date;
}
