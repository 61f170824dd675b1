/**
 * A stage's time limit (时限) inside a case: due times are decided when the stage starts and stored in the event
 * that starts it, so a later policy change never rewrites history.
 */
export interface Deadline<S extends string = string> {
  stage: S;
  /** Which start of the stage this is (a hotline redispatch or reopen starts a new round). */
  round: number;
  startedAt: string;
  dueAt: string;
  /** 预警: when 80% of the stage's time has elapsed. */
  warnAt: string;
  state: 'pending' | 'met' | 'cancelled';
  closedAt: string | null;
}

export interface DeadlineStart<S extends string = string> {
  stage: S;
  startedAt: string;
  dueAt: string;
  warnAt: string;
}

export type DeadlineState = 'pending' | 'warned' | 'overdue' | 'met' | 'cancelled';

export function startDeadlines<S extends string>(deadlines: Deadline<S>[], starts: DeadlineStart<S>[], round: number): Deadline<S>[] {
  return [...deadlines, ...starts.map((d) => started(d, round))];
}

/**
 * A started deadline. Written out field by field when the start has just its four fields (as every rule makes it):
 * adding keys after a spread is the slowest way V8 builds an object, and every fold and projection of a case does
 * this. The key order is the spread's, so documents and answers are the same byte for byte.
 */
function started<S extends string>(d: DeadlineStart<S>, round: number): Deadline<S> {
  const keys = Object.keys(d);
  if (keys.length !== 4 || keys[0] !== 'stage' || keys[1] !== 'startedAt' || keys[2] !== 'dueAt' || keys[3] !== 'warnAt') {
    return { ...d, round, state: 'pending', closedAt: null };
  }
  return { stage: d.stage, startedAt: d.startedAt, dueAt: d.dueAt, warnAt: d.warnAt, round, state: 'pending', closedAt: null };
}

/** Closes the pending deadline of a stage. */
export function closeStage<S extends string>(deadlines: Deadline<S>[], stage: S, state: 'met' | 'cancelled', at: string): Deadline<S>[] {
  return deadlines.map((d) => (d.stage === stage && d.state === 'pending' ? { ...d, state, closedAt: at } : d));
}

/** Moves the pending deadline of a stage (an approved extension). */
export function moveStage<S extends string>(deadlines: Deadline<S>[], stage: S, dueAt: string, warnAt: string): Deadline<S>[] {
  return deadlines.map((d) => (d.stage === stage && d.state === 'pending' ? { ...d, dueAt, warnAt } : d));
}

/** What a deadline looks like at `now`: met/cancelled as recorded, else overdue past its due time, warned past 80 %. */
export function deadlineView<S extends string>(d: Deadline<S>, now: Date): Omit<Deadline<S>, 'state'> & { state: DeadlineState } {
  const t = now.getTime();
  const state: DeadlineState = d.state !== 'pending' ? d.state : t > Date.parse(d.dueAt) ? 'overdue' : t >= Date.parse(d.warnAt) ? 'warned' : 'pending';
  return { ...d, state };
}

/** Earliest due time (UTC ISO) among pending deadlines: `next_due_at < now` is the `overdue=true` list filter. */
export function nextDueAt(deadlines: Deadline[]): string | null {
  const pending = deadlines.filter((d) => d.state === 'pending').map((d) => new Date(d.dueAt).toISOString());
  return pending.length ? pending.sort()[0] : null;
}
