/**
 * The domain kernel: the pure building blocks every context's domain is made of — events and aggregates, domain
 * errors, the caller, deadlines and the working-day calendar, the SLA policy, masking. No framework and no driver is
 * reachable from here (a dependency-cruiser rule, run by `npm test`).
 */
export * from './aggregate';
export * from './errors';
export * from './actor';
export * from './command-context';
export * from './calendar';
export * from './deadline';
export * from './time-limit';
export * from './sla-policy';
export * from './sla-policy-changes';
export * from './mask';
export * from './pii';
export * from './canonical-json';
