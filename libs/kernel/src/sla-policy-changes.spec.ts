import type { Recorded } from './aggregate';
import { DomainError } from './errors';
import { formatShanghai } from './calendar';
import { DEFAULT_SLA_POLICY, SlaPolicy } from './sla-policy';
import { ChangeSlaLimit, SlaLimitChanged, SlaPolicyEvent, decideSlaPolicy, decideUnderPolicy, slaPolicyAggregate, slaPolicyTimeline } from './sla-policy-changes';
import { TimeLimit, dueAt } from './time-limit';

const wd = (amount: number): TimeLimit => ({ amount, unit: 'working_days' });
const cd = (amount: number): TimeLimit => ({ amount, unit: 'calendar_days' });
const changed = (kind: SlaLimitChanged['data']['kind'], stage: string, limit: TimeLimit, urgency: 'urgent' | 'normal' | null = null): SlaLimitChanged => ({
  type: 'SlaLimitChanged',
  data: { kind, stage, urgency, limit },
});
const change = (kind: string, stage: string, limit: unknown): ChangeSlaLimit => ({ type: 'ChangeSlaLimit', data: { kind, stage, limit } as ChangeSlaLimit['data'] });

/** given(events at times) → when(command) → then(events | error), emmett style. */
function given(...events: Array<[SlaPolicyEvent, string]>) {
  const recorded: Array<Recorded<SlaPolicyEvent>> = events.map(([e, t]) => ({ ...e, occurredAt: formatShanghai(new Date(t)), recordedAt: formatShanghai(new Date(t)) }));
  const state: SlaPolicy = recorded.reduce(slaPolicyAggregate.evolve, slaPolicyAggregate.initialState());
  return {
    recorded,
    state,
    when: (command: ChangeSlaLimit) => ({
      then: (expected: SlaPolicyEvent[]) => expect(decideSlaPolicy(command, state)).toEqual(expected),
      thenError: (code: string, field: string) => {
        try {
          decideSlaPolicy(command, state);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(code);
          expect((error as DomainError).details?.map((d) => d.field)).toContain(field);
          return;
        }
        throw new Error(`expected ${code}`);
      },
    }),
  };
}

const T1 = '2026-03-16T10:00:00+08:00';
const T2 = '2026-03-20T10:00:00+08:00';

describe('SLA policy (时限规则) changes', () => {
  it('a hotline change names the urgencies it changes, one event each', () => {
    given().when(change('hotline', 'sign', { normal: wd(2) })).then([changed('hotline', 'sign', wd(2), 'normal')]);
    given()
      .when(change('hotline', 'reply', { urgent: wd(2), normal: wd(6) }))
      .then([changed('hotline', 'reply', wd(2), 'urgent'), changed('hotline', 'reply', wd(6), 'normal')]);
  });

  it('setting what is already in force appends nothing (defaults included)', () => {
    given().when(change('petition', 'assign', cd(15))).then([]);
    given([changed('clue', 'disposition', cd(20)), T1]).when(change('clue', 'disposition', cd(20))).then([]);
    // Only the urgency that differs is changed.
    given().when(change('hotline', 'sign', { urgent: { amount: 2, unit: 'hours' }, normal: wd(3) })).then([changed('hotline', 'sign', wd(3), 'normal')]);
  });

  it('the other kinds take one limit', () => {
    given().when(change('supervision_order', '13710.feedback', cd(5))).then([changed('supervision_order', '13710.feedback', cd(5))]);
  });

  it('rejects unknown kinds and stages, units outside the list, amounts that are not whole numbers up to ten years, wrong shapes', () => {
    given().when(change('traffic', 'sign', cd(1))).thenError('VALIDATION_FAILED', 'kind');
    given().when(change('petition', 'sign', cd(1))).thenError('VALIDATION_FAILED', 'stage');
    given().when(change('petition', 'assign', { amount: 3, unit: 'weeks' })).thenError('VALIDATION_FAILED', 'limit.unit');
    for (const amount of [0, -1, 1.5, '3', 3651]) given().when(change('petition', 'assign', { amount, unit: 'calendar_days' })).thenError('VALIDATION_FAILED', 'limit.amount');
    given().when(change('petition', 'handle', { amount: 121, unit: 'calendar_months' })).thenError('VALIDATION_FAILED', 'limit.amount');
    given().when(change('hotline', 'sign', {})).thenError('VALIDATION_FAILED', 'limit');
    given().when(change('hotline', 'sign', wd(2))).thenError('VALIDATION_FAILED', 'amount');
    given().when(change('hotline', 'sign', { normal: { amount: 0, unit: 'hours' } })).thenError('VALIDATION_FAILED', 'limit.normal.amount');
  });

  it('folds changes over the defaults without touching the defaults', () => {
    const { state } = given([changed('hotline', 'sign', wd(2), 'normal'), T1], [changed('petition', 'handle', cd(45)), T2]);
    expect(state.hotline.sign).toEqual({ urgent: { amount: 2, unit: 'hours' }, normal: wd(2) });
    expect(state.petition.handle).toEqual(cd(45));
    expect(DEFAULT_SLA_POLICY.hotline.sign).toEqual({ urgent: { amount: 2, unit: 'hours' }, normal: wd(1) });
    expect(DEFAULT_SLA_POLICY.petition.handle).toEqual(cd(60));
  });

  it('the policy in force at T counts only the changes that had occurred by T', () => {
    const { recorded } = given([changed('hotline', 'sign', wd(2), 'normal'), T1], [changed('hotline', 'sign', wd(3), 'normal'), T2]);
    const timeline = slaPolicyTimeline(recorded);
    expect(timeline.at(new Date('2026-03-16T09:59:59+08:00')).hotline.sign).toEqual({ urgent: { amount: 2, unit: 'hours' }, normal: wd(1) });
    expect((timeline.at(new Date(T1)).hotline.sign as { normal: TimeLimit }).normal).toEqual(wd(2));
    expect((timeline.at(new Date('2026-03-19T00:00:00+08:00')).hotline.sign as { normal: TimeLimit }).normal).toEqual(wd(2));
    expect((timeline.at(new Date(T2)).hotline.sign as { normal: TimeLimit }).normal).toEqual(wd(3));
  });

  it('a decision backdated to before a change is decided under the policy in force at its business time', () => {
    const { recorded } = given([changed('petition', 'assign', cd(20)), T1]);
    const timeline = slaPolicyTimeline(recorded);
    const now = new Date('2026-03-17T09:00:00+08:00');
    const register = (receivedAt: Date) => (policy: SlaPolicy) => ({ occurredAt: receivedAt, events: [{ type: 'Registered', data: { due: formatShanghai(dueAt(receivedAt, policy.petition.assign as TimeLimit)) } }] });
    // Received on the 13th, before the change: 15 calendar days.
    expect(decideUnderPolicy(timeline, now, register(new Date('2026-03-13T09:00:00+08:00'))).events[0].data.due).toBe('2026-03-28T23:59:59.999+08:00');
    // Received now, after the change: 20 calendar days.
    expect(decideUnderPolicy(timeline, now, register(now)).events[0].data.due).toBe('2026-04-06T23:59:59.999+08:00');
  });
});
