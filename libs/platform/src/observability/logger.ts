import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import pinoHttp from 'pino-http';
import type { RequestHandler } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';

/**
 * Structured JSON logs. Nothing that could hold personal data is logged: no bodies, no headers, no query strings
 * (list filters may carry names), only method, route path, status, timing, caller id and correlation id.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'qingfeng' }, timestamp: pino.stdTimeFunctions.isoTime });
}

export function httpLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req) => (req as unknown as AuthedRequest).correlationId ?? 'unknown',
    // pino-http binds these when the request arrives and again when its answer is logged, so each key is given once:
    // the correlation id on arrival (every line of the request carries it), the caller once authenticated, at the end.
    customProps: (req, res) =>
      res.headersSent ? { sub: (req as unknown as AuthedRequest).actor?.sub } : { correlationId: (req as unknown as AuthedRequest).correlationId },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: String(req.url).split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') || req.url === '/metrics' },
  }) as unknown as RequestHandler;
}

/** Nest's own log lines go through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
