import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Kysely, sql } from 'kysely';
import { Observable, from, mergeMap, of } from 'rxjs';
import { DomainError } from '../errors/domain-error';
import { CLOCK } from '../tokens';
import type { Clock } from '../time/clock';
import type { CommandRequest } from './request-context';
import type { PiiVault } from '../pii/pii-vault';
import { canonicalJson } from '../canonical-json';

const WINDOW_MS = 24 * 60 * 60 * 1000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
  createdAtMs: number;
}

/**
 * Remembered answers of POSTs made with an `Idempotency-Key` (SPEC §10), scoped to the caller. Kept in the read-model
 * database but outside every projection, so a rebuild does not forget them. Of the request only hashes are stored;
 * the answer (which may show a caller in full) is sealed, and answers past the 24-hour window are purged.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: Kysely<any>,
    private readonly vault: PiiVault,
  ) {}

  async migrate(): Promise<void> {
    await this.db.schema
      .createTable('idempotency_keys')
      .ifNotExists()
      .addColumn('scope', 'text', (c) => c.primaryKey())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .execute();
  }

  async get(scope: string): Promise<StoredAnswer | undefined> {
    const row = await this.db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).executeTakeFirst();
    if (!row) return undefined;
    return { fingerprint: row.fingerprint, status: Number(row.status), body: this.vault.openTransient(row.body), createdAtMs: Number(row.created_at_ms) };
  }

  async put(scope: string, answer: StoredAnswer): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('created_at_ms', '<', answer.createdAtMs - WINDOW_MS).execute();
    const values = { scope, fingerprint: answer.fingerprint, status: answer.status, body: this.vault.sealTransient(answer.body ?? null), created_at_ms: answer.createdAtMs };
    await this.db
      .insertInto('idempotency_keys')
      .values(values)
      .onConflict((oc) => oc.column('scope').doUpdateSet({ fingerprint: sql`excluded.fingerprint`, status: sql`excluded.status`, body: sql`excluded.body`, created_at_ms: sql`excluded.created_at_ms` }))
      .execute();
  }
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<CommandRequest>();
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || !key || !req.actor) return next.handle();
    if (key.length > 200) throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key is too long', [{ field: 'Idempotency-Key', message: 'at most 200 characters' }]);
    const res = context.switchToHttp().getResponse<Response>();
    const scope = sha256(`${req.actor.sub}\u0000${key}`);
    const fingerprint = sha256(`${req.method} ${req.originalUrl.split('?')[0]} ${canonicalJson(req.body)}`);
    req.commandId = scope;
    return from(this.store.get(scope)).pipe(
      mergeMap((previous) => {
        const now = this.clock.now().getTime();
        if (previous && now - previous.createdAtMs < WINDOW_MS) {
          if (previous.fingerprint !== fingerprint) {
            throw new DomainError('RULE_VIOLATION', 'this Idempotency-Key was used with another method, path or body');
          }
          res.status(previous.status);
          res.setHeader('Idempotent-Replay', 'true');
          return of(previous.body);
        }
        return next.handle().pipe(
          mergeMap(async (body) => {
            await this.store.put(scope, { fingerprint, status: res.statusCode, body, createdAtMs: now });
            return body;
          }),
        );
      }),
    );
  }
}
