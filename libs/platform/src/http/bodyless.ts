import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DomainError } from '@qf/kernel';

/**
 * A command that takes no body (sign, accept, forget-reporter …) refuses one (SPEC §10: unknown fields are rejected):
 * `{"evil": 1}` on sign is a 400, not an ignored extra. Routes that declare a `@Body()` are left to their DTO.
 */
@Injectable()
export class BodylessCommandInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method !== 'GET' && req.method !== 'HEAD' && !takesBody(context) && hasContent(req.body)) {
      throw new DomainError('VALIDATION_FAILED', 'this command takes no body', [{ field: '(body)', message: 'must be empty or {}' }]);
    }
    return next.handle();
  }
}

/** Whether a handler declares a body, looked up once per handler (route metadata does not change at run time). */
const declaresBody = new WeakMap<object, boolean>();

function takesBody(context: ExecutionContext): boolean {
  const handler = context.getHandler();
  let known = declaresBody.get(handler);
  if (known === undefined) {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<string, unknown>;
    known = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
    declaresBody.set(handler, known);
  }
  return known;
}

function hasContent(body: unknown): boolean {
  if (body === undefined || body === null) return false;
  if (Array.isArray(body)) return true;
  if (typeof body === 'object') return Object.keys(body).length > 0;
  return true;
}
