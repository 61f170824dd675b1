import { isWorkday } from 'chinese-days';
import { DateTime } from 'luxon';

/** Every "day" and "month" boundary of the system is in this zone (SPEC §4). */
export const ZONE = 'Asia/Shanghai';

const local = (instant: Date) => DateTime.fromJSDate(instant, { zone: ZONE });

/**
 * 工作日 — from `chinese-days`, which follows the State Council's yearly holiday notice, 调休 weekends included.
 * Its data ends with the last published year (2026 in version 1.5.x); beyond that it knows only weekends, so the
 * package must be updated when the next notice is out (each November).
 */
export function isWorkingDay(localDate: string): boolean {
  return isWorkday(localDate);
}

/** The calendar date (yyyy-MM-dd) of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return local(instant).toISODate()!;
}

/** 23:59:59.999 of a date in Asia/Shanghai. */
/** The Asia/Shanghai month (YYYY-MM) of an instant: the month a ranking counts it in. */
export function shanghaiMonth(instant: Date): string {
  return shanghaiDate(instant).slice(0, 7);
}

export function endOfShanghaiDay(localDate: string): Date {
  return DateTime.fromISO(localDate, { zone: ZONE }).endOf('day').toJSDate();
}

/** ISO 8601 in Asia/Shanghai with milliseconds: 2025-10-09T23:59:59.999+08:00. */
export function formatShanghai(instant: Date): string {
  return local(instant).toISO({ suppressMilliseconds: false, includeOffset: true })!;
}

export function addCalendarDays(localDate: string, days: number): string {
  return DateTime.fromISO(localDate, { zone: ZONE }).plus({ days }).toISODate()!;
}

/** The Nth working day after `localDate` (not counting the date itself). */
export function addWorkingDays(localDate: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('working days must be a whole number ≥ 0');
  let date = localDate;
  for (let found = 0; found < n; ) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date)) found++;
  }
  return date;
}
