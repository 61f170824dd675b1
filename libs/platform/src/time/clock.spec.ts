import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClockMovedBackwardsError, ManualClock, SystemClock, createClock } from './clock';

describe('the manual clock (SPEC §4)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qf-clock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts at CLOCK_START, stands still, moves only forward and tells listeners', () => {
    const clock = createClock({ CLOCK: 'manual', CLOCK_START: '2026-03-16T09:00:00+08:00', dataDir: join(dir, 'a') }) as ManualClock;
    expect(clock.now().toISOString()).toBe('2026-03-16T01:00:00.000Z');
    const heard: string[] = [];
    clock.onAdvance((now) => heard.push(now.toISOString()));
    clock.advanceTo(new Date('2026-03-17T09:00:00+08:00'));
    expect(() => clock.advanceTo(new Date('2026-03-16T10:00:00+08:00'))).toThrow(ClockMovedBackwardsError);
    expect(clock.now().toISOString()).toBe('2026-03-17T01:00:00.000Z');
    expect(heard).toEqual(['2026-03-17T01:00:00.000Z']);
  });

  it('survives a restart: the stored time wins over CLOCK_START', () => {
    const dataDir = join(dir, 'b');
    (createClock({ CLOCK: 'manual', CLOCK_START: '2026-03-16T09:00:00+08:00', dataDir }) as ManualClock).advanceTo(new Date('2026-04-01T02:00:00+08:00'));
    const reopened = createClock({ CLOCK: 'manual', CLOCK_START: '2026-03-16T09:00:00+08:00', dataDir });
    expect(reopened.now().toISOString()).toBe('2026-03-31T18:00:00.000Z');
  });

  it('shared by two processes: neither moves it back behind a move the other made a moment ago', () => {
    const dataDir = join(dir, 'c');
    const start = { CLOCK: 'manual', CLOCK_START: '2026-03-16T09:00:00+08:00', dataDir };
    const a = createClock(start) as ManualClock;
    const b = createClock(start) as ManualClock;
    a.advanceTo(new Date('2026-04-01T06:00:00+08:00'));
    // b has not heard of the move yet (its file watch polls); asked for an earlier time, it looks first and refuses.
    expect(() => b.advanceTo(new Date('2026-04-01T05:30:00+08:00'))).toThrow(ClockMovedBackwardsError);
    expect(b.now().toISOString()).toBe('2026-03-31T22:00:00.000Z');
    b.advanceTo(new Date('2026-04-01T07:00:00+08:00'));
    expect(() => a.advanceTo(new Date('2026-04-01T06:30:00+08:00'))).toThrow(ClockMovedBackwardsError);
    a.close();
    b.close();
  });

  it('is refused in production, and the default is the system clock', () => {
    expect(() => createClock({ CLOCK: 'manual', NODE_ENV: 'production', dataDir: dir })).toThrow(/production/);
    expect(createClock({ dataDir: dir })).toBeInstanceOf(SystemClock);
  });
});
