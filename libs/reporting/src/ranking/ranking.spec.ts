import { DEFAULT_WEIGHTS, UnitCounts, competitionRanks, rankUnits, scoreOf, topAndBottom } from './ranking';

const unit = (unitId: string, r: Record<string, [number, number]>): UnitCounts => ({
  unitId,
  counts: { dispatched: r.responseRate?.[1] ?? 0 },
  rates: Object.fromEntries(Object.entries(r).map(([k, [numerator, denominator]]) => [k, { numerator, denominator }])),
});

describe('monthly ranking arithmetic (SPEC §7)', () => {
  it('score = 100 × Σ wᵢrᵢ with the default 三率 weights, rounded to 2 decimals', () => {
    // 0.30 × 0.9 + 0.35 × 0.8 + 0.35 × 0.75 = 0.27 + 0.28 + 0.2625 = 0.8125 → 81.25 (onTimeRate weighs 0).
    expect(scoreOf({ responseRate: 0.9, resolutionRate: 0.8, satisfactionRate: 0.75, onTimeRate: 0.1 }, DEFAULT_WEIGHTS.hotline)).toBe(81.25);
  });

  it('null rates: their weight is spread over the others in proportion; no usable rate, no score', () => {
    // Only responseRate 2/3 exists: 100 × 0.30 × 0.6667 ÷ 0.30 = 66.67.
    expect(scoreOf({ responseRate: 0.6667, resolutionRate: null, satisfactionRate: null, onTimeRate: 1 }, DEFAULT_WEIGHTS.hotline)).toBe(66.67);
    // responseRate 1 and satisfaction 0.5, resolution null: (0.30 × 1 + 0.35 × 0.5) ÷ 0.65 = 0.730769… → 73.08.
    expect(scoreOf({ responseRate: 1, resolutionRate: null, satisfactionRate: 0.5, onTimeRate: null }, DEFAULT_WEIGHTS.hotline)).toBe(73.08);
    // onTimeRate is the only rate, but it weighs 0: no score.
    expect(scoreOf({ responseRate: null, resolutionRate: null, satisfactionRate: null, onTimeRate: 1 }, DEFAULT_WEIGHTS.hotline)).toBeNull();
  });

  it('equal scores share a rank and the next rank skips: 1, 2, 2, 4; no score, no rank', () => {
    expect(competitionRanks([90, 80, 80, 70, null])).toEqual([1, 2, 2, 4, null]);
    expect(competitionRanks([50, 50, 50])).toEqual([1, 1, 1]);
  });

  it('ranks a hand-computed table with previous ranks, changes and the red and black lists', () => {
    const units = [
      unit('U-A', { responseRate: [9, 10], resolutionRate: [4, 5], satisfactionRate: [3, 4], onTimeRate: [1, 1] }), // 81.25
      unit('U-B', { responseRate: [1, 1], resolutionRate: [1, 1], satisfactionRate: [1, 1], onTimeRate: [0, 1] }), // 100
      unit('U-C', { responseRate: [9, 10], resolutionRate: [4, 5], satisfactionRate: [3, 4], onTimeRate: [0, 0] }), // 81.25
      unit('U-D', { responseRate: [2, 3], resolutionRate: [0, 0], satisfactionRate: [0, 0], onTimeRate: [0, 0] }), // 66.67
      unit('U-E', { responseRate: [0, 0], resolutionRate: [0, 0], satisfactionRate: [0, 0], onTimeRate: [0, 0] }), // null
    ];
    const previous = new Map<string, number | null>([['U-A', 1], ['U-C', 4], ['U-D', 2]]);
    const rows = rankUnits(units, DEFAULT_WEIGHTS.hotline, previous, (id) => `单位${id}`);
    expect(rows.map((r) => [r.unitId, r.score, r.rank, r.previousRank, r.rankChange])).toEqual([
      ['U-B', 100, 1, null, null],
      ['U-A', 81.25, 2, 1, -1],
      ['U-C', 81.25, 2, 4, 2],
      ['U-D', 66.67, 4, 2, -2],
      ['U-E', null, null, null, null],
    ]);
    const d = rows.find((r) => r.unitId === 'U-D')!;
    expect(d).toMatchObject({ responseRate: 0.6667, resolutionRate: null, satisfactionRate: null, onTimeRate: null });
    expect(d.denominators).toMatchObject({ responseRate: { numerator: 2, denominator: 3 }, resolutionRate: { numerator: 0, denominator: 0 } });
    const lists = topAndBottom(rows, 2);
    expect(lists.top.map((u) => u.unitId)).toEqual(['U-B', 'U-A']);
    expect(lists.bottom.map((u) => u.unitId)).toEqual(['U-D', 'U-C']);
  });
});
