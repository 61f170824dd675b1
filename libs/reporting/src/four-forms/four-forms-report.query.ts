import type { SanctionRow } from './sanctions.projection';

const FORMS = ['1', '2', '3', '4'] as const;
export type FormCounts = Record<(typeof FORMS)[number], { count: number; share: number }>;

/** count / total rounded to 4 decimals; 0 when nothing was counted. */
export const share = (count: number, total: number) => (total === 0 ? 0 : Math.round((count / total) * 10000) / 10000);

function formCounts(rows: SanctionRow[]): FormCounts {
  const out = {} as FormCounts;
  for (const f of FORMS) {
    const count = rows.filter((r) => String(r.form) === f).length;
    out[f] = { count, share: share(count, rows.length) };
  }
  return out;
}

/**
 * 四种形态 report (SPEC §5): person-times by form and measure, in total and per unit (the subject's unit).
 * Counts only — it never sees who or what.
 */
export function fourFormsReport(rows: SanctionRow[], from: string, to: string, unitName: (unitId: string) => string) {
  const byMeasure: Record<string, number> = {};
  for (const r of rows) byMeasure[r.measure] = (byMeasure[r.measure] ?? 0) + 1;
  const units = [...new Set(rows.map((r) => r.unitId))].sort();
  return {
    from,
    to,
    total: rows.length,
    forms: formCounts(rows),
    byMeasure,
    byUnit: units.map((unitId) => {
      const mine = rows.filter((r) => r.unitId === unitId);
      return { unitId, unitName: unitName(unitId), total: mine.length, forms: formCounts(mine) };
    }),
  };
}
