import { createHash } from 'node:crypto';
import { DelayedError, Job, Queue, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { ladderTimes } from '../escalation-ladder';
import { escalationIdOf } from '../escalation';
import type { DeadlineRow } from '../read-models/deadlines.projection';
import { SweepLoop, openBullmqConnection } from '@qf/platform';
import { EscalationScheduler, SchedulerDeps, duePages, inPool } from './scheduler.port';

export const ESCALATION_QUEUE = 'escalations';
const ATTEMPTS = 5;
/** Due rows read per page by the planner. */
const PAGE = 5000;

export interface BullmqSchedulerOptions {
  redisUrl: string;
  /** Key prefix in Redis, so deployments (and test runs) sharing a server stay apart. */
  prefix: string;
  /** With the manual clock a job is only queued once its rung is due by that clock; delays are wall-clock time. */
  manualClock: boolean;
  /** How far ahead (ms) rungs are queued as delayed jobs with the system clock. */
  horizonMs?: number;
  intervalMs?: number;
  /** Jobs a worker runs at once. */
  concurrency?: number;
  /** At most this many rungs due at the same instant go into one job. */
  batch?: number;
  /** How late (ms) an unfired rung may be before the sweep looks after its job. */
  graceMs?: number;
}

interface EscalationJob {
  /** The deadlines whose rungs due at `fireAt` the job fires. */
  keys: string[];
  /** UTC ISO: when the rungs are due. */
  fireAt: string;
  /** A single-rung job queued before rungs were batched (its `keys` is absent). */
  key?: string;
}

/** One rung the planner found: its deadline, when it is due and its escalation id. */
interface Rung {
  hint: string;
  key: string;
  fireAt: string;
  escalationId: string;
}

/**
 * BullMQ on Redis (REDIS_URL): the rungs due at one instant are delayed jobs of up to `batch` rungs each; a rung due
 * alone is a job whose id is its escalation id — one per (case, stage, round, due time, level) — and a group's id is
 * a hash of its escalation ids, so the same rungs are queued once however often a planner sees them. The planner
 * reads the deadline read model (every `intervalMs`, and when the manual clock moves); workers fire a job's rungs
 * all at once (their appends share the event store's group commits) through the same idempotent command as the
 * embedded scheduler, so a rung that two jobs hold (planners that saw different groups, a re-queue) still fires once.
 * A job that keeps failing is retried with exponential backoff — its rungs that did fire append nothing again — then
 * parked in the failed set (logged, counted), and the planner re-queues it once a rung of it is `graceMs` late, so no
 * due escalation is dropped.
 */
export class BullmqScheduler implements EscalationScheduler {
  readonly kind = 'bullmq' as const;
  private queue?: Queue<EscalationJob>;
  private worker?: Worker<EscalationJob>;
  private connections: IORedis[] = [];
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private readonly loop: SweepLoop;
  /** Rungs queued by this process (deadline@fireAt → job); a hint only, Redis dedupes by job id. */
  private readonly queued = new Map<string, { id: string; data: EscalationJob }>();

  constructor(private readonly deps: SchedulerDeps, private readonly options: BullmqSchedulerOptions) {
    this.loop = new SweepLoop(() => this.plan(), (e) => deps.log.error(`escalation planner failed: ${String(e)}`));
  }

  private connection(): IORedis {
    const c = openBullmqConnection(this.options.redisUrl);
    this.connections.push(c);
    return c;
  }

  async start(): Promise<void> {
    const prefix = this.options.prefix;
    this.queue = new Queue<EscalationJob>(ESCALATION_QUEUE, { connection: this.connection(), prefix });
    this.worker = new Worker<EscalationJob>(ESCALATION_QUEUE, (job, token) => this.process(job, token), {
      connection: this.connection(),
      prefix,
      concurrency: this.options.concurrency ?? 4,
      // A job is at most a second or so of work (its lock is renewed meanwhile): a short lock lets a restarted worker
      // take over the jobs a killed one held within ~15 s, well inside the 60 s SPEC §4 allows.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    });
    this.worker.on('failed', (job, error) => {
      const final = !!job && job.attemptsMade >= (job.opts.attempts ?? 1);
      this.deps.onFailure?.('bullmq', final);
      this.deps.log.error(`escalation job ${job?.id ?? '?'} failed${final ? ' for the last time; parked until the planner re-queues it' : ''}: ${error.message}`);
    });
    this.worker.on('error', (error) => this.deps.log.error(`escalation worker: ${error.message}`));
    await this.worker.waitUntilReady();
    this.timer = setInterval(() => this.poke(), this.options.intervalMs ?? 1000);
    this.timer.unref();
    this.unsubscribe = this.deps.clock.onAdvance(() => this.poke());
    this.poke();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.loop.stop();
    await this.worker?.close();
    await this.queue?.close();
    await Promise.all(this.connections.map((c) => c.quit().catch(() => undefined)));
  }

  poke(): void {
    this.loop.poke();
  }

  async ping(): Promise<unknown> {
    const pong = await this.connections[0].ping();
    if (pong !== 'PONG') throw new Error(`redis answered ${pong}`);
    return { kind: this.kind, counts: await this.queue!.getJobCounts('waiting', 'active', 'delayed', 'failed') };
  }

  /** Waits until the planner has queued everything due and the workers have no due job left. */
  async drain(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      this.poke();
      await this.loop.idle();
      const counts = await this.queue!.getJobCounts('waiting', 'active', 'prioritized', 'paused');
      const busy = Object.values(counts).reduce((a, b) => a + b, 0);
      if (busy === 0) {
        // Fired rungs may reveal the next ones (read model moved on); one more planning pass settles that.
        await this.deps.settle();
        const now = this.deps.clock.now();
        const left = (await this.deps.findDue(now, 1)).length;
        if (left === 0 || !this.options.manualClock) return;
      }
      if (Date.now() > until) throw new Error('escalation queue did not drain in time');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async process(job: Job<EscalationJob>, token?: string): Promise<void> {
    const fireAt = Date.parse(job.data.fireAt);
    if (fireAt > this.deps.clock.now().getTime()) {
      // Woken early (clock skew between hosts, or the manual clock has not got there): wait for the rung's time.
      await job.moveToDelayed(this.options.manualClock ? Date.now() + 1000 : fireAt, token);
      throw new DelayedError();
    }
    const keys = job.data.keys ?? (job.data.key ? [job.data.key] : []);
    const failures: unknown[] = [];
    // All at once: one job's rungs are committed together by the event store's group commit.
    await inPool(keys, keys.length, async (key) => {
      await this.deps.fire(key).catch((error) => failures.push(error));
    });
    if (failures.length) throw new Error(`${failures.length} of ${keys.length} rungs failed, first: ${String(failures[0])}`);
  }

  private async plan(): Promise<void> {
    const queue = this.queue;
    if (!queue) return;
    await this.deps.settle();
    const now = this.deps.clock.now();
    const horizon = this.options.manualClock ? 0 : (this.options.horizonMs ?? 10 * 60_000);
    const until = new Date(now.getTime() + horizon);
    const graceMs = this.options.graceMs ?? 60_000;
    const fresh: Rung[] = [];
    const late = new Map<string, EscalationJob>();
    const live = new Set<string>();
    for await (const rows of duePages(this.deps.findDue, until, PAGE)) {
      for (const row of rows) {
        const hint = `${row.id}@${row.nextFireAt}`;
        live.add(hint);
        const known = this.queued.get(hint);
        if (known) {
          if (Date.parse(known.data.fireAt) + graceMs < now.getTime()) late.set(known.id, known.data);
          continue;
        }
        const rung = rungOf(row);
        if (rung) fresh.push({ hint, ...rung });
      }
    }
    const jobs = this.jobsOf(fresh, now);
    for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
    for (const [jobId, data] of late) await this.requeue(queue, jobId, data);
    // Forget rungs that have fired or whose deadline was met, so the hint does not grow without bound.
    if (this.queued.size > live.size) for (const rung of this.queued.keys()) if (!live.has(rung)) this.queued.delete(rung);
  }

  /** The jobs for fresh rungs: those due at the same instant in groups of up to `batch` (found in key order). */
  private jobsOf(rungs: Rung[], now: Date) {
    const batch = this.options.batch ?? 500;
    const byInstant = new Map<string, Rung[]>();
    for (const r of rungs) {
      const group = byInstant.get(r.fireAt);
      if (group) group.push(r);
      else byInstant.set(r.fireAt, [r]);
    }
    const jobs: Array<{ name: string; data: EscalationJob; opts: { jobId: string; delay: number; attempts: number; backoff: { type: 'exponential'; delay: number }; removeOnComplete: { age: number }; removeOnFail: false } }> = [];
    for (const [fireAt, group] of byInstant) {
      for (let i = 0; i < group.length; i += batch) {
        const chunk = group.slice(i, i + batch);
        const id = chunk.length === 1 ? chunk[0].escalationId : `batch-${createHash('sha1').update(chunk.map((r) => r.escalationId).join(',')).digest('hex')}`;
        const data: EscalationJob = { keys: chunk.map((r) => r.key), fireAt };
        for (const r of chunk) this.queued.set(r.hint, { id, data });
        const delay = this.options.manualClock ? 0 : Math.max(0, Date.parse(fireAt) - now.getTime());
        jobs.push({
          name: 'escalate',
          data,
          opts: { jobId: id, delay, attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: false },
        });
      }
    }
    return jobs;
  }

  /** A rung still unfired well after its time: retry a parked job, or queue it again if its job is gone. */
  private async requeue(queue: Queue<EscalationJob>, jobId: string, data: EscalationJob): Promise<void> {
    const job = await queue.getJob(jobId);
    const state = job ? await job.getState() : 'unknown';
    if (job && state === 'failed') {
      this.deps.log.info(`re-queueing parked escalation job ${jobId}`);
      await job.retry('failed');
    } else if (!job || state === 'completed' || state === 'unknown') {
      await job?.remove().catch(() => undefined);
      await queue.add('escalate', data, { jobId, attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: false });
    }
  }
}

/** A deadline's next rung: when it is due and its escalation id. */
function rungOf(row: DeadlineRow): { key: string; fireAt: string; escalationId: string } | null {
  if (!row.nextFireAt) return null;
  const at = (t: string) => new Date(t).toISOString();
  // The first two rungs need no calendar; working days are counted only for levels 2 and 3.
  const next =
    at(row.warnAt) === row.nextFireAt
      ? { level: 0 as const }
      : at(row.dueAt) === row.nextFireAt
        ? { level: 1 as const }
        : // Every kind's ladder times are a prefix of the full ladder's: matching against level 3 too is safe.
          ladderTimes({ topLevel: 3, dueAt: row.dueAt, warnAt: row.warnAt }).find((t) => at(t.fireAt) === row.nextFireAt);
  if (!next) return null;
  const ref = { kind: row.kind, caseId: row.caseId, stage: row.stage, round: row.round };
  return { key: row.id, fireAt: row.nextFireAt, escalationId: escalationIdOf(ref, row.dueAt, next.level) };
}
