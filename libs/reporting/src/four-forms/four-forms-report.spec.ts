import { fourFormsReport } from './four-forms-report.query';
import type { SanctionRow } from './sanctions.projection';

const row = (unitId: string, form: 1 | 2 | 3 | 4, measure: string): SanctionRow => ({ eventId: `${unitId}-${form}-${measure}-${Math.random()}`, unitId, form, measure, decidedAt: '2026-03-16T09:00:00+08:00' });

describe('four-forms report (SPEC §5)', () => {
  it('counts person-times per form, measure and unit, with shares rounded to 4 decimals', () => {
    const rows = [row('U-A', 1, 'talk_reminder'), row('U-A', 1, 'talk_reminder'), row('U-A', 2, 'party_warning'), row('U-B', 1, 'admonishment'), row('U-B', 3, 'gov_expulsion'), row('U-B', 4, 'transfer_to_prosecution')];
    const report = fourFormsReport(rows, 'f', 't', (id) => `name of ${id}`);
    expect(report.total).toBe(6);
    expect(report.forms).toEqual({ '1': { count: 3, share: 0.5 }, '2': { count: 1, share: 0.1667 }, '3': { count: 1, share: 0.1667 }, '4': { count: 1, share: 0.1667 } });
    expect(report.byMeasure).toEqual({ talk_reminder: 2, party_warning: 1, admonishment: 1, gov_expulsion: 1, transfer_to_prosecution: 1 });
    expect(report.byUnit).toEqual([
      { unitId: 'U-A', unitName: 'name of U-A', total: 3, forms: { '1': { count: 2, share: 0.6667 }, '2': { count: 1, share: 0.3333 }, '3': { count: 0, share: 0 }, '4': { count: 0, share: 0 } } },
      { unitId: 'U-B', unitName: 'name of U-B', total: 3, forms: { '1': { count: 1, share: 0.3333 }, '2': { count: 0, share: 0 }, '3': { count: 1, share: 0.3333 }, '4': { count: 1, share: 0.3333 } } },
    ]);
  });

  it('answers zeros, not NaN, for an empty period', () => {
    expect(fourFormsReport([], 'f', 't', (id) => id).forms['1']).toEqual({ count: 0, share: 0 });
  });
});
