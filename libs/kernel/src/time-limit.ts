import { DateTime } from 'luxon';
import { ZONE, addCalendarDays, addWorkingDays, endOfShanghaiDay, shanghaiDate } from './calendar';

export type TimeUnit = 'hours' | 'calendar_days' | 'working_days' | 'calendar_months';

/** A stage's time limit (时限), e.g. 5 working days. */
export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
}

/**
 * The due time of a stage starting at `start` (SPEC §4): N hours = start + N h; N calendar days = end of the Nth day
 * after the start date; N working days = end of the Nth working day after the start date; N calendar months = end of
 * the same day-of-month N months later (or of that month's last day). 0 calendar days = end of the start date.
 */
export function dueAt(start: Date, limit: TimeLimit): Date {
  switch (limit.unit) {
    case 'hours':
      return new Date(start.getTime() + limit.amount * 3_600_000);
    case 'calendar_days':
      return endOfShanghaiDay(addCalendarDays(shanghaiDate(start), limit.amount));
    case 'working_days':
      return endOfShanghaiDay(addWorkingDays(shanghaiDate(start), limit.amount));
    case 'calendar_months':
      // luxon clamps to the month's last day (Jan 31 + 1 month = Feb 28/29).
      return DateTime.fromJSDate(start, { zone: ZONE }).plus({ months: limit.amount }).endOf('day').toJSDate();
  }
}

/** 预警 — the moment `fraction` of the stage's time has elapsed. */
export function warnAt(start: Date, due: Date, fraction = 0.8): Date {
  return new Date(start.getTime() + Math.floor((due.getTime() - start.getTime()) * fraction));
}

/**
 * An extension moves an existing due time: N working days more = the end of the Nth working day after the current due
 * date (likewise for calendar days and months; hours are added).
 */
export function extendDue(due: Date, limit: TimeLimit): Date {
  return dueAt(due, limit);
}
