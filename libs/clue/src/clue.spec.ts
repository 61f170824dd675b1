import type { ClueRegistered } from './clue';
import { Actor, DEFAULT_SLA_POLICY, DomainError, formatShanghai } from '@qf/platform';
import { Clue, ClueEvent, evolveClue, initialClue, isHandled } from './clue';
import { ClueDecideContext } from './clue-rules';
import { decideRegisterClue } from './register-clue/register-clue';
import { decideDisposeClue } from './dispose-clue/dispose-clue';
import { decideRecordSanction } from './record-sanction/record-sanction';
import { ALL_MEASURES, MEASURES_BY_FORM, measureBelongsTo } from './record-sanction/four-forms';
import { decideForgetReporter } from './forget-reporter/forget-reporter';

const inspector: Actor = { sub: 'i', name: '检查员', roles: ['inspector'], unitId: 'U-JW' };
const manager: Actor = { sub: 'm', name: '案管', roles: ['case_manager'], unitId: 'U-JW' };
const ctx = (actor: Actor, now = '2026-03-16T09:00:00+08:00'): ClueDecideContext => ({ actor, now: new Date(now), policy: DEFAULT_SLA_POLICY });
const given = (...events: ClueEvent[]): Clue =>
  events.reduce((s, e) => evolveClue(s, { ...e, occurredAt: formatShanghai(new Date('2026-03-16T09:00:00+08:00')), recordedAt: formatShanghai(new Date('2026-03-16T09:00:00+08:00')) }), initialClue());
const registered = (realName: boolean) =>
  decideRegisterClue(
    {
      id: 'XS20260316-0001',
      source: 'audit',
      sourceRef: null,
      reporter: { sealed: { pii: 1, subject: 's', iv: '', tag: '', data: '' }, realName },
      subjects: [{ name: '某', unitId: 'U-BM-ZJ', rank: 'section', partyMember: true }],
      allegations: '违规发放津补贴，涉嫌违反廉洁纪律。',
      category: 'integrity',
      receivedAt: new Date('2026-03-16T09:00:00+08:00'),
    },
    initialClue(),
    ctx(inspector),
  ).events[0] as ClueRegistered;
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'none';
};

describe('the four forms (SPEC §5)', () => {
  it('puts every measure in exactly one form', () => {
    for (const measure of ALL_MEASURES) expect(([1, 2, 3, 4] as const).filter((f) => measureBelongsTo(f, measure))).toHaveLength(1);
    expect(MEASURES_BY_FORM[4]).toEqual(['transfer_to_prosecution']);
    expect(measureBelongsTo(1, 'admonishment')).toBe(true);
    expect(measureBelongsTo(2, 'admonishment')).toBe(false);
  });
});

describe('clue decisions', () => {
  it('starts the reporter_notice limit only for a real-name reporter', () => {
    expect(registered(true).data.deadlines.map((d) => d.stage)).toEqual(['disposition', 'reporter_notice']);
    expect(registered(false).data.deadlines.map((d) => d.stage)).toEqual(['disposition']);
  });

  it('disposes only from registered or held; each method leads to its status', () => {
    const methods = { talk_inquiry: 'inquiry', preliminary_verification: 'verifying', hold: 'held', close: 'concluded' } as const;
    for (const [method, status] of Object.entries(methods)) {
      const [e] = decideDisposeClue({ method: method as keyof typeof methods, rationale: 'r', approvedBy: '周' }, given(registered(false)), ctx(inspector));
      expect(given(registered(false), e).status).toBe(status);
    }
    const concluded = given(registered(false), decideDisposeClue({ method: 'close', rationale: 'r', approvedBy: '周' }, given(registered(false)), ctx(inspector))[0]);
    expect(isHandled(concluded)).toBe(true);
    expect(code(() => decideDisposeClue({ method: 'hold', rationale: 'r', approvedBy: '周' }, concluded, ctx(inspector)))).toBe('INVALID_TRANSITION');
  });

  it('refuses a sanction before any finding, and a wrong form/measure pair', () => {
    const state = given(registered(false));
    const sanction = { subjectIndex: 0, form: 1 as const, measure: 'talk_reminder', decidedAt: '2026-03-16T08:00:00+08:00', basis: 'b' };
    expect(code(() => decideRecordSanction(sanction, state, ctx(inspector)))).toBe('RULE_VIOLATION');
    expect(code(() => decideRecordSanction({ ...sanction, form: 2 }, state, ctx(inspector)))).toBe('RULE_VIOLATION');
  });

  it('lets only a case manager forget a reporter, once', () => {
    const state = given(registered(true));
    expect(code(() => decideForgetReporter(state, ctx(inspector)))).toBe('FORBIDDEN');
    const [forgotten] = decideForgetReporter(state, ctx(manager));
    expect(decideForgetReporter(given(registered(true), forgotten), ctx(manager))).toEqual([]);
  });
});
