import express, { ErrorRequestHandler, RequestHandler } from 'express';
import { toErrorBody } from '../errors/http-exception.filter';
import { DomainError } from '@qf/kernel';

export const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * JSON body parsing with the 256 KiB limit of SPEC §10. Body-parser errors happen before Nest's filters see the
 * request, so they are turned into the §10 error body here.
 */
export function jsonBody(): [RequestHandler, ErrorRequestHandler] {
  const parse = express.json({ limit: BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] });
  const onError: ErrorRequestHandler = (err, _req, res, next) => {
    if (!err) return next();
    const type = (err as { type?: string }).type;
    const error =
      type === 'entity.too.large'
        ? new DomainError('PAYLOAD_TOO_LARGE', `the body is larger than ${BODY_LIMIT_BYTES / 1024} KiB`)
        : type === 'entity.parse.failed'
          ? new DomainError('VALIDATION_FAILED', 'the body is not valid JSON')
          : err;
    const body = toErrorBody(error);
    res.status(body.statusCode).json(body);
  };
  return [parse, onError];
}
