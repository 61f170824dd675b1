import fc from 'fast-check';
import { DateTime } from 'luxon';
import { ZONE, addCalendarDays, addWorkingDays, endOfShanghaiDay, formatShanghai, rangeBound, shanghaiDate } from './calendar';

// The calendar computes Asia/Shanghai dates with a fixed +08:00 offset; the time-zone database is the reference.
const instants = fc.date({ min: new Date('1985-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true });

describe('calendar (Asia/Shanghai)', () => {
  it('agrees with the time-zone database on dates, day ends and formatting, before and after 1992', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const zoned = DateTime.fromJSDate(instant, { zone: ZONE });
        expect(shanghaiDate(instant)).toBe(zoned.toISODate());
        expect(formatShanghai(instant)).toBe(zoned.toISO({ suppressMilliseconds: false, includeOffset: true }));
        expect(endOfShanghaiDay(zoned.toISODate()!).getTime()).toBe(zoned.endOf('day').toMillis());
      }),
      { numRuns: 5000 },
    );
  });

  it('adds calendar days as the time-zone database does', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: -800, max: 800 }), (instant, days) => {
        const date = DateTime.fromJSDate(instant, { zone: ZONE }).toISODate()!;
        expect(addCalendarDays(date, days)).toBe(DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate());
      }),
      { numRuns: 5000 },
    );
  });

  it('counts working days over the 2025 National Day holiday and its 调休 Saturday', () => {
    // 2025-09-30 (Tue) + 1 working day: 10-01…10-08 are the holiday, 10-11 (Sat) is worked.
    expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-09', 2)).toBe('2025-10-11');
    expect(addWorkingDays('2025-10-09', 2)).toBe('2025-10-11'); // remembered answer, same result
    expect(endOfShanghaiDay('2025-10-09').toISOString()).toBe('2025-10-09T15:59:59.999Z');
  });

  it('reads a bare date in a from/to range as the whole Shanghai day, a month as the month, a time without offset as Shanghai time', () => {
    const iso = (text: string, end: 'from' | 'to') => rangeBound(text, end)?.toISOString();
    expect(iso('2026-03-01', 'from')).toBe('2026-02-28T16:00:00.000Z');
    expect(iso('2026-03-31', 'to')).toBe('2026-03-31T15:59:59.999Z');
    expect(iso('2026-03', 'from')).toBe('2026-02-28T16:00:00.000Z');
    expect(iso('2026-02', 'to')).toBe('2026-02-28T15:59:59.999Z');
    expect(iso('2026', 'to')).toBe('2026-12-31T15:59:59.999Z');
    expect(iso('2026-03-16T09:00:00', 'from')).toBe('2026-03-16T01:00:00.000Z');
    expect(iso('2026-03-16T09:00:00Z', 'to')).toBe('2026-03-16T09:00:00.000Z');
    expect(iso('2026-03-16T09:00:00+08:00', 'to')).toBe('2026-03-16T01:00:00.000Z');
    expect(rangeBound('2026-02-30', 'from')).toBeNull();
    expect(rangeBound('yesterday', 'to')).toBeNull();
  });
});
