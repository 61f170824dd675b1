import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, from, switchMap } from 'rxjs';
import { ProjectionsService } from './projections.service';

const READS_FROM = 'qf:reads-from';

/**
 * The read models a route (or every route of a controller) answers from. Before the route runs, those projections
 * catch up (bounded by PROJECTION_WAIT_MS) with every event appended before the request: a report read after a
 * command sees it, though the command answered without waiting for the report's projections.
 */
export const ReadsFrom = (...projections: string[]) => SetMetadata(READS_FROM, projections);

@Injectable()
export class FreshReadsInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly projections: ProjectionsService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const names = this.reflector.getAllAndOverride<string[] | undefined>(READS_FROM, [context.getHandler(), context.getClass()]);
    if (!names?.length) return next.handle();
    return from(this.projections.fresh(names)).pipe(switchMap(() => next.handle()));
  }
}
