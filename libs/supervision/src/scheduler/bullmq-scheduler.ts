import { DelayedError, Job, Queue, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { ladderTimes } from '../escalation-ladder';
import { escalationIdOf } from '../escalation';
import type { DeadlineRow } from '../read-models/deadlines.projection';
import { SweepLoop, openBullmqConnection } from '@qf/platform';
import { EscalationScheduler, SchedulerDeps } from './scheduler.port';

export const ESCALATION_QUEUE = 'escalations';
const ATTEMPTS = 5;

export interface BullmqSchedulerOptions {
  redisUrl: string;
  /** Key prefix in Redis, so deployments (and test runs) sharing a server stay apart. */
  prefix: string;
  /** With the manual clock a job is only queued once its rung is due by that clock; delays are wall-clock time. */
  manualClock: boolean;
  /** How far ahead (ms) rungs are queued as delayed jobs with the system clock. */
  horizonMs?: number;
  intervalMs?: number;
  concurrency?: number;
  /** How late (ms) an unfired rung may be before the sweep looks after its job. */
  graceMs?: number;
}

interface EscalationJob {
  key: string;
  level: number;
  /** UTC ISO: when the rung is due. */
  fireAt: string;
}

/**
 * BullMQ on Redis (REDIS_URL): each rung is a delayed job whose id is the escalation id — one per (case, stage,
 * round, due time, level) — so a rung is queued once however often the planner sees it. The planner reads the
 * deadline read model (every `intervalMs`, and when the manual clock moves); workers fire through the same
 * idempotent command as the embedded scheduler. A job that keeps failing is retried with exponential backoff, then
 * parked in the failed set (logged, counted), and the planner re-queues it once its rung is `graceMs` late, so no
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
      concurrency: this.options.concurrency ?? 16,
      // A job is a few milliseconds of work: a short lock lets a restarted worker take over the jobs a killed one
      // held within ~15 s, well inside the 60 s SPEC §4 allows.
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
    await this.deps.fire(job.data.key);
  }

  private async plan(): Promise<void> {
    const queue = this.queue;
    if (!queue) return;
    await this.deps.settle();
    const now = this.deps.clock.now();
    const horizon = this.options.manualClock ? 0 : (this.options.horizonMs ?? 10 * 60_000);
    const rows = await this.deps.findDue(new Date(now.getTime() + horizon), 50_000);
    const fresh: Array<{ name: string; data: EscalationJob; opts: { jobId: string; delay: number; attempts: number; backoff: { type: 'exponential'; delay: number }; removeOnComplete: { age: number }; removeOnFail: false } }> = [];
    const late: Array<{ jobId: string; row: DeadlineRow; data: EscalationJob }> = [];
    const graceMs = this.options.graceMs ?? 60_000;
    const live = new Set<string>();
    for (const row of rows) {
      const rung = `${row.id}@${row.nextFireAt}`;
      live.add(rung);
      const known = this.queued.get(rung);
      if (known) {
        if (Date.parse(known.data.fireAt) + graceMs < now.getTime()) late.push({ jobId: known.id, row, data: known.data });
        continue;
      }
      const job = jobOf(row);
      if (!job) continue;
      this.queued.set(rung, job);
      const delay = this.options.manualClock ? 0 : Math.max(0, Date.parse(job.data.fireAt) - now.getTime());
      fresh.push({
        name: 'escalate',
        data: job.data,
        opts: { jobId: job.id, delay, attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: false },
      });
    }
    for (let i = 0; i < fresh.length; i += 1000) await queue.addBulk(fresh.slice(i, i + 1000));
    for (const { jobId, data } of late) await this.requeue(queue, jobId, data);
    // Forget rungs that have fired or whose deadline was met, so the hint does not grow without bound.
    if (this.queued.size > live.size) for (const rung of this.queued.keys()) if (!live.has(rung)) this.queued.delete(rung);
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

/** The job for a deadline's next rung: its id is the escalation id of that rung. */
function jobOf(row: DeadlineRow): { id: string; data: EscalationJob } | null {
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
  return { id: escalationIdOf(ref, row.dueAt, next.level), data: { key: row.id, level: next.level, fireAt: row.nextFireAt } };
}
