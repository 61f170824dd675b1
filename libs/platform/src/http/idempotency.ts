import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Kysely, sql } from 'kysely';
import { Observable, from, mergeMap, of } from 'rxjs';
import { DomainError } from '@qf/kernel';
import { CLOCK } from '../tokens';
import type { Clock } from '../time/clock';
import type { CommandRequest } from './request-context';
import { ERASED, PiiVault, SealedPii } from '../pii/pii-vault';
import { Disclosure, SealedView, isSealedView, recordDisclosures } from '../pii/disclosures';
import type { Actor } from '@qf/kernel';
import { canonicalJson } from '@qf/kernel';

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
 * answers past the 24-hour window are purged. A remembered answer is personal data wherever it shows a person
 * (SPEC §8): each person view in it is replaced by that view sealed under the person's own key, so forgetting the
 * person (crypto-shredding) reaches the remembered answer too, and the rest is sealed under a transient key.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: Kysely<any>,
    private readonly vault: PiiVault,
  ) {}

  async migrate(db: Kysely<any> = this.db): Promise<void> {
    await db.schema
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

  /** Every remembered answer as it is kept (opened from the transient seal only): for inspection and tests. */
  async dump(): Promise<unknown[]> {
    const rows = await this.db.selectFrom('idempotency_keys').select('body').execute();
    return rows.map((r) => this.vault.openTransient(r.body as string));
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

/**
 * Unmasked reads that SPEC §8 audits register here how to audit one again (the clue context: a reporter read by a
 * case manager), so a replayed answer is audited like the first without the platform knowing the clue context.
 */
@Injectable()
export class DisclosureAuditors {
  private readonly auditors = new Map<string, (ref: string, actor: Actor, correlationId: string) => Promise<void>>();

  register(kind: string, audit: (ref: string, actor: Actor, correlationId: string) => Promise<void>): void {
    this.auditors.set(kind, audit);
  }

  async audit(kind: string, ref: string, actor: Actor, correlationId: string): Promise<void> {
    const audit = this.auditors.get(kind);
    // A replay must never show an audited identity without its audit record.
    if (!audit) throw new Error(`no auditor registered for ${kind}`);
    await audit(ref, actor, correlationId);
  }
}

/** Replaces every recorded person view in `body` (by identity) with the view sealed under the person's key. */
async function sealPersonViews(vault: PiiVault, body: unknown, disclosures: Disclosure[]): Promise<unknown> {
  if (disclosures.length === 0) return body;
  const byView = new Map(disclosures.map((d) => [d.view, d]));
  const walk = async (value: unknown): Promise<unknown> => {
    if (!value || typeof value !== 'object') return value;
    const disclosure = byView.get(value);
    if (disclosure) {
      const sealed: SealedView = { $sealedView: await vault.sealIfKept(disclosure.subject, value) };
      if (disclosure.audit) sealed.audit = disclosure.audit;
      return sealed;
    }
    if (Array.isArray(value)) return Promise.all(value.map(walk));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await walk(v);
    return out;
  };
  return walk(body);
}

/** The remembered answer as it is shown again: "[erased]" for a forgotten person; audited reads audited again. */
async function openPersonViews(vault: PiiVault, auditors: DisclosureAuditors, body: unknown, req: CommandRequest): Promise<unknown> {
  const walk = async (value: unknown): Promise<unknown> => {
    if (!value || typeof value !== 'object') return value;
    if (isSealedView(value)) {
      const view = value.$sealedView ? await vault.open(value.$sealedView as SealedPii) : ERASED;
      if (view !== ERASED && value.audit && req.actor) await auditors.audit(value.audit.kind, value.audit.ref, req.actor, req.correlationId ?? 'replay');
      return view;
    }
    if (Array.isArray(value)) return Promise.all(value.map(walk));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await walk(v);
    return out;
  };
  return walk(body);
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly vault: PiiVault,
    private readonly auditors: DisclosureAuditors,
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
          return from(openPersonViews(this.vault, this.auditors, previous.body, req)).pipe(
            mergeMap(async (body) => {
              res.status(previous.status);
              res.setHeader('Idempotent-Replay', 'true');
              return body;
            }),
          );
        }
        // The handler runs inside the recording (Nest binds its async context when handle() is called).
        const disclosures: Disclosure[] = [];
        return recordDisclosures(disclosures, () => next.handle()).pipe(
          mergeMap(async (body) => {
            await this.store.put(scope, { fingerprint, status: res.statusCode, body: await sealPersonViews(this.vault, body, disclosures), createdAtMs: now });
            return body;
          }),
        );
      }),
    );
  }
}
