/** The roles of SPEC §1, as they appear in the token's `roles` claim. */
export const ROLES = [
  'hotline_operator',
  'petition_officer',
  'unit_handler',
  'unit_head',
  'supervisor',
  'inspector',
  'case_manager',
  'leader',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, from the JWT. */
export interface Actor {
  sub: string;
  name: string;
  roles: Role[];
  unitId: string | null;
}

export const SYSTEM_ACTOR: Actor = { sub: 'system', name: 'system', roles: [], unitId: null };

/** Roles that act for one unit: without a `unitId` claim they grant nothing (never "every unit"). */
export const UNIT_BOUND_ROLES: readonly Role[] = ['unit_handler', 'unit_head', 'supervisor'];

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
