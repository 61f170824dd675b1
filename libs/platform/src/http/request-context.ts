import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import type { Actor } from '@qf/kernel';
import { DomainError } from '@qf/kernel';
import type { CommandContext } from '@qf/kernel';

const CORRELATION_HEADER = 'x-correlation-id';

/** Every request carries a correlation id: the caller's, or a new one; it is echoed back and logged. */
export const correlationId: RequestHandler = (req, res, next) => {
  const given = req.header(CORRELATION_HEADER);
  const id = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  (req as AuthedRequest).correlationId = id;
  res.setHeader(CORRELATION_HEADER, id);
  next();
};

export type CommandRequest = AuthedRequest & { commandId?: string };

/** `If-Match: <version>` (quotes allowed, as ETags) → the expected stream revision. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '' || header === '*') return undefined;
  const value = header.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  if (!/^-?\d+$/.test(value)) {
    throw new DomainError('VALIDATION_FAILED', 'If-Match must be a case version', [{ field: 'If-Match', message: 'must be an integer version' }]);
  }
  return Number(value);
}

/** What a command handler needs from the HTTP request. */
export function commandContextOf(req: CommandRequest, actor: Actor, now: Date): CommandContext {
  return {
    actor,
    now,
    commandId: req.commandId ?? randomUUID(),
    correlationId: req.correlationId ?? randomUUID(),
    causationId: null,
    expectedVersion: parseIfMatch(req.header('if-match')),
  };
}
