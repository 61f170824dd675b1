import { isWorkday } from 'chinese-days';
import { DateTime } from 'luxon';

/** Every "day" and "month" boundary of the system is in this zone (SPEC §4). */
export const ZONE = 'Asia/Shanghai';

/**
 * Asia/Shanghai has been UTC+8 all year since 1992 (its last daylight-saving summer was 1991), so from then on a
 * local date is plain arithmetic on the UTC clock shifted by eight hours — exact, and a hundred times cheaper than
 * asking the time-zone database (luxon's Intl calls were a fifth of a command's CPU). Earlier instants, which
 * HISTORY_START keeps out of business data but a test or a tool may still ask about, go through luxon.
 */
const OFFSET_MS = 8 * 3_600_000;
const FIXED_OFFSET_FROM = Date.UTC(1992, 0, 1) - OFFSET_MS;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const local = (instant: Date) => DateTime.fromJSDate(instant, { zone: ZONE });

/** Midnight UTC of a local date's number, or null where the fixed offset does not hold (or the text is no date). */
function utcDay(localDate: string): number | null {
  const m = ISO_DATE.exec(localDate);
  if (!m) return null;
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return day - OFFSET_MS >= FIXED_OFFSET_FROM ? day : null;
}

const workingDays = new Map<string, boolean>();

/**
 * 工作日 — from `chinese-days`, which follows the State Council's yearly holiday notice, 调休 weekends included.
 * Its data ends with the last published year (2026 in version 1.5.x); beyond that it knows only weekends, so the
 * package must be updated when the next notice is out (each November). Answers are remembered per date.
 */
export function isWorkingDay(localDate: string): boolean {
  let known = workingDays.get(localDate);
  if (known === undefined) {
    known = isWorkday(localDate);
    if (workingDays.size > 100_000) workingDays.clear();
    workingDays.set(localDate, known);
  }
  return known;
}

/** The calendar date (yyyy-MM-dd) of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  const t = instant.getTime();
  if (t >= FIXED_OFFSET_FROM) return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
  return local(instant).toISODate()!;
}

/** The Asia/Shanghai month (YYYY-MM) of an instant: the month a ranking counts it in. */
export function shanghaiMonth(instant: Date): string {
  return shanghaiDate(instant).slice(0, 7);
}

/** 23:59:59.999 of a date in Asia/Shanghai. */
export function endOfShanghaiDay(localDate: string): Date {
  const day = utcDay(localDate);
  if (day !== null) return new Date(day + DAY_MS - 1 - OFFSET_MS);
  return DateTime.fromISO(localDate, { zone: ZONE }).endOf('day').toJSDate();
}

/**
 * One end of a `from`/`to` range a caller sends (SPEC §4: every day and month is an Asia/Shanghai one). A date without
 * a time names a whole Shanghai period — `2026-03-31` the day, `2026-03` the month, `2026` the year, `2026-W14` the
 * week — and stands for its first instant as a `from` and its last as a `to`; a time without an offset is Shanghai
 * time; a time with an offset (or Z) is that instant. Answers null for text that is no ISO 8601 date or time.
 */
export function rangeBound(text: string, end: 'from' | 'to'): Date | null {
  const at = DateTime.fromISO(text, { zone: ZONE });
  if (!at.isValid) return null;
  if (text.includes('T')) return at.toJSDate();
  const unit = /^\d{4}$/.test(text) ? 'year' : /^\d{4}-?\d{2}$/.test(text) ? 'month' : /W\d{2}$/.test(text) ? 'week' : 'day';
  return (end === 'from' ? at.startOf(unit) : at.endOf(unit)).toJSDate();
}

/**
 * A business time a caller sent, as it is stored: unchanged when it carries an offset (or Z); otherwise read as
 * Asia/Shanghai time as `rangeBound` reads it (a bare date: that day's first instant, or last as a `to`) and written
 * with its offset — so what it means never depends on the server's time zone. Null for text that is no ISO 8601 time.
 */
export function withShanghaiOffset(text: string, end: 'from' | 'to' = 'from'): string | null {
  if (/T.*([+-]\d\d(:?\d\d)?|Z)$/.test(text)) return text;
  const at = rangeBound(text, end);
  return at ? formatShanghai(at) : null;
}

/** ISO 8601 in Asia/Shanghai with milliseconds: 2025-10-09T23:59:59.999+08:00. */
export function formatShanghai(instant: Date): string {
  const t = instant.getTime();
  if (t >= FIXED_OFFSET_FROM) {
    const shifted = new Date(t + OFFSET_MS).toISOString();
    // toISOString writes years past 9999 with a sign and six digits; leave those to luxon's own format.
    if (shifted.length === 24) return `${shifted.slice(0, 23)}+08:00`;
  }
  return local(instant).toISO({ suppressMilliseconds: false, includeOffset: true })!;
}

export function addCalendarDays(localDate: string, days: number): string {
  const day = utcDay(localDate);
  if (day !== null && Number.isInteger(days)) {
    const result = new Date(day + days * DAY_MS).toISOString();
    if (result.length === 24 && day + days * DAY_MS - OFFSET_MS >= FIXED_OFFSET_FROM) return result.slice(0, 10);
  }
  return DateTime.fromISO(localDate, { zone: ZONE }).plus({ days }).toISODate()!;
}

const workingDaysAfter = new Map<string, string>();

/** The Nth working day after `localDate` (not counting the date itself). Remembered per (date, N). */
export function addWorkingDays(localDate: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('working days must be a whole number ≥ 0');
  const key = `${localDate}+${n}`;
  const known = workingDaysAfter.get(key);
  if (known !== undefined) return known;
  let date = localDate;
  for (let found = 0; found < n; ) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date)) found++;
  }
  if (workingDaysAfter.size > 100_000) workingDaysAfter.clear();
  workingDaysAfter.set(key, date);
  return date;
}
