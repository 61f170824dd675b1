import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode, STATUS_OF, scrubEcho } from '@qf/kernel';

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONCURRENCY_CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'RULE_VIOLATION',
};

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode | 'INTERNAL';
  message: string;
  details?: { field: string; message: string }[];
}

/** Turns anything thrown into the error body of SPEC §10. Unknown errors become a 500 without their message (it might carry data). */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    // A message may echo what the caller sent (an id in the path, a key in the body): never a phone or identity number.
    const details = error.details?.map((d) => ({ field: scrubEcho(d.field), message: scrubEcho(d.message) }));
    return { statusCode: STATUS_OF[error.code], code: error.code, message: scrubEcho(error.message), ...(details ? { details } : {}) };
  }
  if (error instanceof Error && (error as { code?: string }).code === 'CONCURRENCY_CONFLICT') {
    return { statusCode: 409, code: 'CONCURRENCY_CONFLICT', message: 'the case changed underneath; reload and retry' };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const code = CODE_OF_STATUS[statusCode];
    if (code) return { statusCode, code, message: statusCode === 404 ? 'no such route' : error.message };
  }
  return { statusCode: 500, code: 'INTERNAL', message: 'internal error' };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(error);
    if (body.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.name) : 'non-error thrown');
    response.status(body.statusCode).json(body);
  }
}
