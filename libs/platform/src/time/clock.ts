import { existsSync, mkdirSync, readFileSync, renameSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withShanghaiOffset } from '@qf/kernel';

/** The one clock the system reads time through (SPEC §4). */
export interface Clock {
  now(): Date;
  /** Called after the clock moves (manual clock only); returns an unsubscribe function. */
  onAdvance(listener: (now: Date) => void): () => void;
  /** Stops watching for moves made by other processes (manual clock only). */
  close?(): void;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
  onAdvance(): () => void {
    return () => undefined;
  }
}

export class ClockMovedBackwardsError extends Error {
  readonly code = 'RULE_VIOLATION';
  constructor(current: Date, requested: Date) {
    super(`the clock cannot move backwards (it is ${current.toISOString()}, asked for ${requested.toISOString()})`);
  }
}

/**
 * CLOCK=manual: time stands still until an admin moves it forward. Kept in DATA_DIR/clock.json, so a restart
 * resumes at the same moment and time-driven work is neither lost nor replayed. Processes sharing a DATA_DIR (the
 * services of a topology on one machine) share the clock: each watches the file and follows a move made through
 * any of them within a fraction of a second.
 */
export class ManualClock implements Clock {
  private current: Date;
  private readonly listeners = new Set<(now: Date) => void>();

  private watching = false;

  private constructor(private readonly file: string, start: Date) {
    this.current = start;
  }

  /** Follows moves written by another process into the shared file. */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    watchFile(this.file, { interval: 200, persistent: false }, () => this.follow());
  }

  /** Takes up a later time another process wrote into the shared file. */
  private follow(): void {
    try {
      const stored = new Date((JSON.parse(readFileSync(this.file, 'utf8')) as { now: string }).now);
      if (stored.getTime() > this.current.getTime()) {
        this.current = stored;
        for (const listener of this.listeners) listener(this.now());
      }
    } catch {
      // A file being replaced: the next change notification reads it whole (writes are write-then-rename).
    }
  }

  close(): void {
    if (this.watching) unwatchFile(this.file);
    this.watching = false;
  }

  static open(dataDir: string, start: Date): ManualClock {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'clock.json');
    if (existsSync(file)) {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { now: string };
      const clock = new ManualClock(file, new Date(stored.now));
      clock.watch();
      return clock;
    }
    const clock = new ManualClock(file, start);
    clock.persist();
    clock.watch();
    return clock;
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  advanceTo(now: Date): void {
    if (Number.isNaN(now.getTime())) throw new TypeError('not a time');
    // Another process sharing the file may have moved it since this one last looked: never move back behind that.
    this.follow();
    if (now.getTime() < this.current.getTime()) throw new ClockMovedBackwardsError(this.current, now);
    this.current = new Date(now.getTime());
    this.persist();
    for (const listener of this.listeners) listener(this.now());
  }

  onAdvance(listener: (now: Date) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private persist(): void {
    // Write-then-rename so a crash never leaves a torn clock file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ now: this.current.toISOString() }));
    renameSync(tmp, this.file);
  }
}

export function createClock(env: { CLOCK?: string; CLOCK_START?: string; NODE_ENV?: string; dataDir: string }): Clock {
  if (env.CLOCK !== 'manual') return new SystemClock();
  if (env.NODE_ENV === 'production') throw new Error('CLOCK=manual is refused when NODE_ENV=production');
  const start = env.CLOCK_START ? new Date(withShanghaiOffset(env.CLOCK_START) ?? env.CLOCK_START) : new Date();
  if (Number.isNaN(start.getTime())) throw new Error(`CLOCK_START is not a valid time: ${env.CLOCK_START}`);
  return ManualClock.open(env.dataDir, start);
}
