import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor, Role, UNIT_BOUND_ROLES, hasRole } from '@qf/kernel';
import { verifyToken } from './jwt';
import { DomainError } from '@qf/kernel';
import { APP_CONFIG } from '../tokens';
import type { AppConfig } from '../config/config';

const PUBLIC = 'qf:public';
const ROLES_KEY = 'qf:roles';

/** No token needed (health, metrics, docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/** The caller needs at least one of these roles; unit scoping is decided by the domain with the case in hand. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthedRequest = Request & { actor?: Actor; correlationId?: string };

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthedRequest>().actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'missing, invalid or expired token');
  return actor;
});

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) throw new DomainError('UNAUTHENTICATED', 'missing, invalid or expired token');
    request.actor = verifyToken(match[1], this.config.jwtSecret);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !hasRole(request.actor, ...roles)) throw new DomainError('FORBIDDEN', 'your role does not allow this');
    if (roles) assertUnitClaim(request.actor, roles);
    return true;
  }
}

/**
 * A role that acts for a unit needs the token's `unitId`: when every role that lets the caller in is unit-bound and
 * the token names no unit, the answer is 403 — a missing claim must never widen the caller's scope to everything.
 */
export function assertUnitClaim(actor: Actor, routeRoles: readonly Role[]): void {
  if (actor.unitId) return;
  const granting = actor.roles.filter((r) => routeRoles.includes(r));
  if (granting.length > 0 && granting.every((r) => UNIT_BOUND_ROLES.includes(r))) {
    throw new DomainError('FORBIDDEN', `the role ${granting.join(', ')} needs a unitId claim in the token`);
  }
}
