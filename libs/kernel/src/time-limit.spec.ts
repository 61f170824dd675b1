import { DEFAULT_SLA_POLICY, limitFor } from './sla-policy';
import { dueAt, extendDue, warnAt } from './time-limit';
import { formatShanghai, isWorkingDay } from './calendar';

const at = (iso: string) => new Date(iso);
const due = (start: string, kind: Parameters<typeof limitFor>[1], stage: string, urgency?: 'urgent' | 'normal') =>
  formatShanghai(dueAt(at(start), limitFor(DEFAULT_SLA_POLICY, kind, stage, urgency)));

describe('deadline arithmetic of SPEC §4 (Asia/Shanghai)', () => {
  it('the spec example: normal order dispatched Tue 2025-09-30 10:00 → sign 10-09, reply 10-14', () => {
    expect(due('2025-09-30T10:00:00+08:00', 'hotline', 'sign', 'normal')).toBe('2025-10-09T23:59:59.999+08:00');
    expect(due('2025-09-30T10:00:00+08:00', 'hotline', 'reply', 'normal')).toBe('2025-10-14T23:59:59.999+08:00');
  });

  it('knows the National Day holiday and the swapped working Saturday from the calendar library', () => {
    expect(isWorkingDay('2025-10-08')).toBe(false);
    expect(isWorkingDay('2025-10-11')).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2025-10-12')).toBe(false);
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday before Spring Festival 2026, 调休
  });

  it('urgent orders: sign in 2 hours (across midnight), reply by the end of the next working day', () => {
    expect(due('2026-03-16T23:00:00+08:00', 'hotline', 'sign', 'urgent')).toBe('2026-03-17T01:00:00.000+08:00');
    expect(due('2026-03-20T10:00:00+08:00', 'hotline', 'reply', 'urgent')).toBe('2026-03-23T23:59:59.999+08:00'); // Fri → Mon
  });

  it('a dispatch on a weekend counts from the next working day', () => {
    expect(due('2026-03-21T10:00:00+08:00', 'hotline', 'sign', 'normal')).toBe('2026-03-23T23:59:59.999+08:00'); // Sat → Mon
    expect(due('2026-02-13T10:00:00+08:00', 'hotline', 'sign', 'normal')).toBe('2026-02-14T23:59:59.999+08:00'); // Fri → 调休 Sat
  });

  it('the issue-4 case: Mon 2026-03-16 09:00 → sign due end of Tue 03-17, warning at 80 % of that time', () => {
    const start = at('2026-03-16T09:00:00+08:00');
    const d = dueAt(start, { amount: 1, unit: 'working_days' });
    expect(formatShanghai(d)).toBe('2026-03-17T23:59:59.999+08:00');
    // 38 h 59 min 59.999 s of stage time; 80 % of it is 31 h 11 min 59.999 s after the start.
    expect(formatShanghai(warnAt(start, d))).toBe('2026-03-17T16:11:59.999+08:00');
  });

  it('a day boundary is Shanghai midnight, not UTC midnight', () => {
    // 2026-03-16T20:00Z is already 03-17 04:00 in Shanghai.
    expect(formatShanghai(dueAt(at('2026-03-16T20:00:00Z'), { amount: 1, unit: 'calendar_days' }))).toBe('2026-03-18T23:59:59.999+08:00');
  });

  it('calendar days cross a month end; 0 days is the end of the start date (13710 study)', () => {
    expect(due('2026-03-20T10:00:00+08:00', 'petition', 'assign')).toBe('2026-04-04T23:59:59.999+08:00');
    expect(due('2026-03-20T10:00:00+08:00', 'supervision_order', '13710.study')).toBe('2026-03-20T23:59:59.999+08:00');
  });

  it('calendar months end on the same day-of-month, or the last day of a shorter month', () => {
    expect(formatShanghai(dueAt(at('2026-01-31T10:00:00+08:00'), { amount: 1, unit: 'calendar_months' }))).toBe('2026-02-28T23:59:59.999+08:00');
    expect(formatShanghai(dueAt(at('2024-01-31T10:00:00+08:00'), { amount: 1, unit: 'calendar_months' }))).toBe('2024-02-29T23:59:59.999+08:00');
    expect(due('2026-03-16T10:00:00+08:00', 'clue', 'verification')).toBe('2026-06-16T23:59:59.999+08:00');
  });

  it('an extension adds working days after the current due date', () => {
    expect(formatShanghai(extendDue(at('2025-10-14T23:59:59.999+08:00'), { amount: 3, unit: 'working_days' }))).toBe('2025-10-17T23:59:59.999+08:00');
  });
});
