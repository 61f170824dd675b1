import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DomainError } from '@qf/kernel';
import { echoableField } from './validation';

/**
 * A command that takes no body (sign, accept, forget-reporter …) refuses one (SPEC §10: unknown fields are rejected):
 * `{"evil": 1}` on sign is a 400, not an ignored extra; and a route that takes no query parameters refuses them
 * (`GET /api/units?zzz=1`). Routes that declare a `@Body()` or `@Query()` are left to their DTO.
 */
@Injectable()
export class BodylessCommandInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const declared = declaredInputs(context);
    if (req.method !== 'GET' && req.method !== 'HEAD' && !declared.body && hasContent(req.body)) {
      throw new DomainError('VALIDATION_FAILED', 'this command takes no body', [{ field: '(body)', message: 'must be empty or {}' }]);
    }
    // Likewise a route that takes no query parameters refuses any (routes with a query DTO reject unknown ones there).
    // Express parses req.query anew on each read: only routes without a query look at it here.
    if (!declared.query) {
      const keys = Object.keys(req.query ?? {});
      if (keys.length > 0) throw new DomainError('VALIDATION_FAILED', 'this route takes no query parameters', keys.map((key) => ({ field: echoableField(key), message: 'unknown field: not allowed' })));
    }
    return next.handle();
  }
}

/** Whether a handler declares a body and a query, looked up once per handler (route metadata does not change). */
const declared = new WeakMap<object, { body: boolean; query: boolean }>();

function declaredInputs(context: ExecutionContext): { body: boolean; query: boolean } {
  const handler = context.getHandler();
  let known = declared.get(handler);
  if (known === undefined) {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<string, unknown>;
    const types = new Set(Object.keys(args).map((key) => key.split(':')[0]));
    known = { body: types.has(String(RouteParamtypes.BODY)), query: types.has(String(RouteParamtypes.QUERY)) };
    declared.set(handler, known);
  }
  return known;
}

function hasContent(body: unknown): boolean {
  if (body === undefined || body === null) return false;
  if (Array.isArray(body)) return true;
  if (typeof body === 'object') return Object.keys(body).length > 0;
  return true;
}
