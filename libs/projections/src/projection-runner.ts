import { Kysely, sql } from 'kysely';
import type { EventStore, StoredEvent, Subscription } from '@qf/event-store';
import type { Projection } from './projection';
import { migrateExclusively, type ReadModelDb } from './read-model-db';

const CHECKPOINTS = 'projection_checkpoints';
const RETRY_MS = 1000;

export interface RunnerLogger {
  info(message: string): void;
  error(message: string): void;
}

export interface ProjectionStatus {
  name: string;
  position: bigint | null;
  head: bigint | null;
  /** Positions between the projection and the newest event (0 = caught up). */
  lag: number | null;
}

/**
 * Feeds events in global order to each projection and stores its checkpoint in the same transaction as its
 * read-model writes: after any crash a projection resumes exactly after the last batch it committed.
 */
export class ProjectionRunner {
  private readonly positions = new Map<string, bigint | null>();
  private readonly subscriptions = new Map<string, Subscription>();
  /** On SQLite, the projections fed together: one read and one transaction a batch for all of them. */
  private readonly shared = new Set<Projection>();
  private sharedSubscription?: Subscription;
  private readonly waiters = new Set<() => void>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private started = false;
  private readonly batchSize: number;
  private readonly logger?: RunnerLogger;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDb,
    private readonly projections: Projection[],
    opts: { batchSize?: number; logger?: RunnerLogger } = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.logger = opts.logger;
  }

  private get db(): Kysely<any> {
    return this.readModels.db;
  }

  private async prepare(): Promise<void> {
    // Services starting together on one PostgreSQL would race each other's CREATE TABLE IF NOT EXISTS: one at a time.
    await migrateExclusively(this.readModels, (db) => this.migrate(db));
  }

  private async migrate(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable(CHECKPOINTS)
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('position', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    for (const p of this.projections) {
      await p.migrate(db);
      // A row to lock from the first batch on (see applyBatch).
      await db.insertInto(CHECKPOINTS).values({ name: p.name, position: null, version: p.version }).onConflict((oc) => oc.column('name').doNothing()).execute();
    }
  }

  private async checkpointOf(name: string): Promise<{ position: bigint | null; version: number } | null> {
    const row = await this.db.selectFrom(CHECKPOINTS).selectAll().where('name', '=', name).executeTakeFirst();
    if (!row) return null;
    return { position: row.position === null ? null : BigInt(row.position as string), version: Number(row.version) };
  }

  private async saveCheckpoint(trx: Kysely<any>, p: Projection, position: bigint | null): Promise<void> {
    const value = position === null ? null : position.toString();
    await trx
      .insertInto(CHECKPOINTS)
      .values({ name: p.name, position: value, version: p.version })
      .onConflict((oc) => oc.column('name').doUpdateSet({ position: value, version: p.version }))
      .execute();
  }

  /**
   * One batch, all or nothing: the read-model writes and the checkpoint commit together. The checkpoint row is read
   * (and on PostgreSQL locked) first, and only events past it are applied — so several processes running the same
   * projection on one database (replicas, or services sharing a context) never apply an event twice.
   */
  private async applyBatch(p: Projection, events: StoredEvent[]): Promise<void> {
    const [[, reached]] = await this.db.transaction().execute((trx) => this.applyAllIn(trx, [p], events));
    this.positions.set(p.name, reached);
    for (const w of this.waiters) w();
  }

  /**
   * Projections' part of a batch inside the caller's transaction; answers the position each reached. Their
   * checkpoints are read (on PostgreSQL locked) in one query and written in one statement — most projections of the
   * shared feed ignore most batches, and two checkpoint queries a projection were three quarters of the statements a
   * command's events cost.
   */
  private async applyAllIn(trx: Kysely<any>, projections: Projection[], events: StoredEvent[]): Promise<Array<[string, bigint]>> {
    const last = events[events.length - 1].position;
    let query = trx.selectFrom(CHECKPOINTS).select(['name', 'position']).where('name', 'in', projections.map((p) => p.name));
    if (this.readModels.dialect === 'postgres') query = query.forUpdate();
    const rows = await query.execute();
    const stored = new Map(rows.map((r) => [r.name as string, r.position == null ? null : BigInt(r.position as string)]));
    const reached: Array<[string, bigint]> = [];
    const moved: Projection[] = [];
    for (const p of projections) {
      const at = stored.get(p.name) ?? null;
      const fresh = at === null ? events : events.filter((e) => e.position > at);
      if (fresh.length === 0) {
        reached.push([p.name, at! > last ? at! : last]);
        continue;
      }
      await p.apply(trx, fresh);
      moved.push(p);
      reached.push([p.name, last]);
    }
    if (moved.length) {
      const position = last.toString();
      await trx
        .insertInto(CHECKPOINTS)
        .values(moved.map((p) => ({ name: p.name, position, version: p.version })))
        .onConflict((oc) => oc.column('name').doUpdateSet({ position: sql.ref('excluded.position'), version: sql.ref('excluded.version') }))
        .execute();
    }
    return reached;
  }

  /**
   * The SQLite feed: every projection that has not failed takes each batch in one transaction — one read of the log
   * and one commit a batch instead of one per projection (SQLite has one writer anyway). If the transaction fails,
   * each projection applies the batch alone; one that fails again leaves the shared feed for a feed of its own,
   * which retries it, so one broken projection never holds the others back.
   */
  private async applyShared(events: StoredEvent[]): Promise<void> {
    const last = events[events.length - 1].position;
    const behind = [...this.shared].filter((p) => {
      const at = this.positions.get(p.name);
      return at === null || at === undefined || at < last;
    });
    if (behind.length === 0) return;
    try {
      const reached = await this.db.transaction().execute((trx) => this.applyAllIn(trx, behind, events));
      for (const [name, at] of reached) this.positions.set(name, at);
    } catch {
      for (const p of behind) {
        try {
          await this.applyBatch(p, events);
        } catch (error) {
          this.logger?.error(`projection ${p.name} failed: ${error instanceof Error ? error.message : String(error)}; retrying on its own`);
          this.shared.delete(p);
          if (this.started) this.subscribe(p);
        }
      }
    }
    for (const w of this.waiters) w();
  }

  private subscribeShared(): void {
    if (this.shared.size === 0) return;
    const positions = [...this.shared].map((p) => this.positions.get(p.name) ?? null);
    const after = positions.some((at) => at === null) ? null : positions.reduce((a, b) => (b! < a! ? b : a));
    this.sharedSubscription = this.store.subscribeToAll({
      after,
      maxBatchSize: this.batchSize,
      handler: (events) => this.applyShared(events),
      onError: (error) => {
        // Reading the log failed: resume every member from its own checkpoint after a pause.
        this.logger?.error(`projection feed failed: ${error instanceof Error ? error.message : String(error)}; retrying`);
        this.sharedSubscription = undefined;
        const timer = setTimeout(() => {
          this.retryTimers.delete(timer);
          if (this.started) this.subscribeShared();
        }, RETRY_MS);
        this.retryTimers.add(timer);
      },
    });
  }

  async start(): Promise<void> {
    await this.prepare();
    this.started = true;
    for (const p of this.projections) {
      const checkpoint = await this.checkpointOf(p.name);
      if (checkpoint && checkpoint.version !== p.version) {
        this.logger?.info(`projection ${p.name} changed from version ${checkpoint.version} to ${p.version}: rebuilding`);
        await this.resetProjection(p);
        this.positions.set(p.name, null);
      } else {
        this.positions.set(p.name, checkpoint?.position ?? null);
      }
      // PostgreSQL commits each projection on its own pooled connection, in parallel; SQLite has one writer.
      if (this.readModels.dialect === 'sqlite') this.shared.add(p);
      else this.subscribe(p);
    }
    this.subscribeShared();
  }

  private subscribe(p: Projection): void {
    const subscription = this.store.subscribeToAll({
      after: this.positions.get(p.name) ?? null,
      maxBatchSize: this.batchSize,
      handler: (events) => this.applyBatch(p, events),
      onError: (error) => {
        // The failed batch rolled back; resume from the last committed checkpoint after a pause.
        this.logger?.error(`projection ${p.name} failed: ${error instanceof Error ? error.message : String(error)}; retrying`);
        this.subscriptions.delete(p.name);
        const timer = setTimeout(() => {
          this.retryTimers.delete(timer);
          if (this.started) this.subscribe(p);
        }, RETRY_MS);
        this.retryTimers.add(timer);
      },
    });
    this.subscriptions.set(p.name, subscription);
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    await Promise.all([...this.subscriptions.values(), ...(this.sharedSubscription ? [this.sharedSubscription] : [])].map((s) => s.stop()));
    this.subscriptions.clear();
    this.sharedSubscription = undefined;
    this.shared.clear();
    for (const w of this.waiters) w();
  }

  private caughtUp(position: bigint, names?: readonly string[]): boolean {
    return this.projections.every((p) => {
      if (names && !names.includes(p.name)) return true;
      const at = this.positions.get(p.name);
      return at !== null && at !== undefined && at >= position;
    });
  }

  /** Resolves true once every projection (or each of `names`) has processed `position`, false on timeout. */
  waitFor(position: bigint, timeoutMs = 5000, names?: readonly string[]): Promise<boolean> {
    if (this.caughtUp(position, names)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (result: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(result);
      };
      const check = () => {
        if (this.caughtUp(position, names)) done(true);
        else if (!this.started) done(false);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.add(check);
    });
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return this.projections.map((p) => {
      const position = this.positions.get(p.name) ?? null;
      const lag = head === null ? 0 : Number(head - (position ?? 0n));
      return { name: p.name, position, head, lag };
    });
  }

  private async resetProjection(p: Projection): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await p.reset(trx);
      await this.saveCheckpoint(trx, p, null);
    });
  }

  /**
   * Rebuilds projections from the first event: empties their tables, then reads the whole log in large batches,
   * each applied with its checkpoint in one transaction. Live processing of those projections pauses meanwhile.
   */
  async rebuild(names?: string[], onProgress?: (done: number, total: number | null) => void): Promise<{ events: number; ms: number }> {
    const selected = this.projections.filter((p) => !names || names.includes(p.name));
    const wasStarted = this.started;
    if (!wasStarted) await this.prepare();
    for (const p of selected) {
      await this.subscriptions.get(p.name)?.stop();
      this.subscriptions.delete(p.name);
      this.shared.delete(p); // the shared feed passes it by from now on; it resumes on a feed of its own below
      await this.resetProjection(p);
      this.positions.set(p.name, null);
    }
    const t0 = Date.now();
    const head = await this.store.headPosition();
    const total = head === null ? 0 : Number(head);
    let after: bigint | null = null;
    let count = 0;
    onProgress?.(0, total);
    for (;;) {
      const batch = await this.store.readAll({ after, limit: 2000 });
      if (batch.length === 0) break;
      for (const p of selected) await this.applyBatch(p, batch);
      after = batch[batch.length - 1].position;
      count += batch.length;
      onProgress?.(Number(after), total);
    }
    if (wasStarted && this.started) for (const p of selected) this.subscribe(p);
    return { events: count, ms: Date.now() - t0 };
  }
}
