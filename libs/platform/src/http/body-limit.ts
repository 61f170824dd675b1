import express, { ErrorRequestHandler, RequestHandler } from 'express';
import { toErrorBody } from '../errors/http-exception.filter';
import { DomainError } from '@qf/kernel';

export const BODY_LIMIT_BYTES = 256 * 1024;
/** Deeper than any body of the API (a few levels): deeper is hostile, and would overflow the validators' recursion. */
export const MAX_BODY_DEPTH = 32;
/** Keys that would reach an object's prototype; JSON allows them, nothing in the API uses them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first thing wrong with a parsed body's shape (or a part of it, at `path`), walked without recursion. */
export function bodyShapeProblem(body: unknown, path = ''): { field: string; message: string } | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path, depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { field: path || '(body)', message: `nested deeper than ${MAX_BODY_DEPTH} levels` };
    for (const key of Object.keys(value)) {
      const child = path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key)) return { field: child, message: 'this key is not allowed' };
      stack.push({ value: (value as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** An error body-parser marks as the client's (4xx): the request, not the server, is at fault. */
function isClientError(err: unknown): boolean {
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * JSON body parsing with the 256 KiB limit of SPEC §10. Body-parser errors happen before Nest's filters see the
 * request, so they are turned into the §10 error body here.
 */
export function jsonBody(): [RequestHandler, ErrorRequestHandler, RequestHandler] {
  const parse = express.json({ limit: BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] });
  const checkShape: RequestHandler = (req, res, next) => {
    // An inbound message's value is the consumer's to judge, shape included (SPEC §9: it is dead-lettered, not a 400).
    const inbound = req.path.startsWith('/api/inbound/') && isPlainObject(req.body) && Object.prototype.hasOwnProperty.call(req.body, 'value');
    const problem = bodyShapeProblem(inbound ? { ...(req.body as object), value: null } : req.body);
    if (!problem) return next();
    const body = toErrorBody(new DomainError('VALIDATION_FAILED', 'the body is not acceptable', [problem]));
    res.status(body.statusCode).json(body);
  };
  const onError: ErrorRequestHandler = (err, _req, res, next) => {
    if (!err) return next();
    const type = (err as { type?: string }).type;
    const error =
      type === 'entity.too.large'
        ? new DomainError('PAYLOAD_TOO_LARGE', `the body is larger than ${BODY_LIMIT_BYTES / 1024} KiB`)
        : type === 'entity.parse.failed'
          ? new DomainError('VALIDATION_FAILED', 'the body is not valid JSON')
          : type === 'charset.unsupported' || type === 'encoding.unsupported'
            ? new DomainError('UNSUPPORTED_MEDIA_TYPE', 'the body must be JSON in UTF-8 (content-type: application/json; charset=utf-8)')
            : isClientError(err)
              ? // e.g. a body that is not what its Content-Encoding says (zlib: "incorrect header check"), or cut short
                new DomainError('VALIDATION_FAILED', 'the body could not be read as sent (does its Content-Encoding match it?)')
              : err;
    const body = toErrorBody(error);
    res.status(body.statusCode).json(body);
  };
  return [parse, onError, checkShape];
}
