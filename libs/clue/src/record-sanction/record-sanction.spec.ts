import { ID, caseFiled, clue, concluded, ctx, found, handler, inquiry, inquiryAnswered, inspector, manager, registered, verifying } from '../clue.fixtures';
import { ALL_MEASURES, MEASURES_BY_FORM, measureBelongsTo } from './four-forms';
import type { RecordSanction } from './record-sanction';

const NOW = '2026-04-22T10:00:00+08:00';
const sanction = (form: RecordSanction['form'], measure: string, subjectIndex = 0): RecordSanction => ({ type: 'RecordSanction', subjectIndex, form, measure, decidedAt: '2026-04-22T09:00:00+08:00', basis: '《中国共产党纪律处分条例》' });
const recorded = (form: 1 | 2 | 3 | 4, measure: string, subjectIndex = 0, subjectUnitId = 'U-BM-ZJ') => ({
  type: 'SanctionRecorded' as const,
  data: { id: ID, subjectIndex, subjectUnitId, form, measure, decidedAt: '2026-04-22T09:00:00+08:00', basis: '《中国共产党纪律处分条例》' },
});

describe('the four forms (SPEC §5)', () => {
  it('puts every measure in exactly one form', () => {
    for (const measure of ALL_MEASURES) expect(([1, 2, 3, 4] as const).filter((f) => measureBelongsTo(f, measure))).toHaveLength(1);
    expect(MEASURES_BY_FORM[4]).toEqual(['transfer_to_prosecution']);
    expect(measureBelongsTo(1, 'admonishment')).toBe(true);
    expect(measureBelongsTo(2, 'admonishment')).toBe(false);
  });
});

describe('运用四种形态处置 RecordSanction', () => {
  const filed = [registered, verifying, found('substantiated'), caseFiled] as const;

  it('given a filed case, when a measure of any form is recorded, then it counts against the subject\'s unit', () => {
    clue.given(...filed).when(sanction(3, 'probation_within_party'), ctx(inspector, NOW)).then([recorded(3, 'probation_within_party')]);
    clue.given(...filed).when(sanction(4, 'transfer_to_prosecution', 1), ctx(manager, NOW)).then([recorded(4, 'transfer_to_prosecution', 1, 'U-JD-01')]);
    expect(clue.given(...filed, recorded(2, 'party_warning')).state.sanctions).toEqual([{ ...recorded(2, 'party_warning').data, recordedAt: '2026-03-16T09:00:00.000+08:00' }]);
  });

  it('given a filed case since concluded, when a measure of any form is recorded, then it is (处分 often follows 结案)', () => {
    clue.given(...filed, concluded).when(sanction(2, 'gov_major_demerit'), ctx(inspector, NOW)).then([recorded(2, 'gov_major_demerit')]);
  });

  it('given a decision time without an offset, then it is Asia/Shanghai time, stored with its offset (a bare date: that day)', () => {
    clue.given(...filed).when({ ...sanction(2, 'party_warning'), decidedAt: '2026-03-31T23:30:00' }, ctx(inspector, NOW)).then([{ ...recorded(2, 'party_warning'), data: { ...recorded(2, 'party_warning').data, decidedAt: '2026-03-31T23:30:00.000+08:00' } }]);
    clue.given(...filed).when({ ...sanction(2, 'party_warning'), decidedAt: '2026-03-31' }, ctx(inspector, NOW)).then([{ ...recorded(2, 'party_warning'), data: { ...recorded(2, 'party_warning').data, decidedAt: '2026-03-31T00:00:00.000+08:00' } }]);
    // Five hours ago in Beijing is not the future, whatever the server's zone.
    clue.given(...filed).when({ ...sanction(2, 'party_warning'), decidedAt: '2026-04-22T05:00:00' }, ctx(inspector, NOW)).then([{ ...recorded(2, 'party_warning'), data: { ...recorded(2, 'party_warning').data, decidedAt: '2026-04-22T05:00:00.000+08:00' } }]);
  });

  it('given an inquiry reply or a verification finding, when a form-1 measure is recorded, then it is', () => {
    clue.given(registered, inquiry, inquiryAnswered).when(sanction(1, 'inquiry_closure'), ctx(inspector, NOW)).then([recorded(1, 'inquiry_closure')]);
    clue.given(registered, verifying, found('unsubstantiated')).when(sanction(1, 'talk_reminder'), ctx(inspector, NOW)).then([recorded(1, 'talk_reminder')]);
  });

  it('given an inquiry reply but no case, when a form-2 measure is recorded, then it is a rule violation', () => {
    clue.given(registered, inquiry, inquiryAnswered).when(sanction(2, 'party_warning'), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /filed case/);
  });

  it('given no reply and no finding yet, when even a form-1 measure is recorded, then it is a rule violation', () => {
    clue.given(registered).when(sanction(1, 'talk_reminder'), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /filed case/);
    clue.given(registered, inquiry).when(sanction(1, 'talk_reminder'), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /filed case/);
    clue.given(registered, verifying).when(sanction(1, 'talk_reminder'), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /filed case/);
  });

  it('given a filed case, when the measure does not belong to the form, then it is a rule violation (422)', () => {
    clue.given(...filed).when(sanction(1, 'party_warning'), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /does not belong to form 1/);
    clue.given(...filed).when(sanction(4, 'gov_dismissal_from_post'), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /does not belong to form 4/);
  });

  it('given a filed case, when the decision is dated in the future or names no subject of the clue, then it is a rule violation', () => {
    clue.given(...filed).when({ ...sanction(3, 'probation_within_party'), decidedAt: '2026-04-22T10:00:01+08:00' }, ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /future/);
    clue.given(...filed).when(sanction(3, 'probation_within_party', 2), ctx(inspector, NOW)).thenFails('RULE_VIOLATION', /subjectIndex/);
  });

  it('given no clue, then it is not found; given a filed case, when a unit handler records a measure, then it is forbidden', () => {
    clue.given().when(sanction(1, 'talk_reminder'), ctx(inspector, NOW)).thenFails('NOT_FOUND');
    clue.given(...filed).when(sanction(3, 'probation_within_party'), ctx(handler, NOW)).thenFails('FORBIDDEN');
  });
});
