/**
 * 每月一排名 (SPEC §7): rates with their exact denominators, a weighted score over the rates that exist, competition
 * ranking (1, 2, 2, 4), the previous month's rank and the change, and the red and black lists. Pure functions: the
 * counts come from the read model, the weights from the admin's configuration.
 */
export const RANKING_KINDS = ['hotline', 'petition', 'supervision'] as const;
export type RankingKind = (typeof RANKING_KINDS)[number];

/** A rate as a fraction with its denominator, so every figure can be checked by hand. */
export interface Rate {
  numerator: number;
  denominator: number;
}

export type Weights = Record<string, number>;

/** Default weights: the 三率 as one county publishes them; onTimeRate reported, not weighted. */
export const DEFAULT_WEIGHTS: Record<RankingKind, Weights> = {
  hotline: { responseRate: 0.3, resolutionRate: 0.35, satisfactionRate: 0.35, onTimeRate: 0 },
  petition: { acceptOnTimeRate: 0.3, handleOnTimeRate: 0.4, closeRate: 0.3 },
  // Supervision: the share of each unit's deadlines that did not go overdue, and of its escalations that stayed below level 2.
  supervision: { onTimeRate: 0.6, lowEscalationRate: 0.4 },
};
export const DEFAULT_LIST_SIZE = 3;

/** What a unit's row holds before scoring: counts, and rates as fractions. */
export interface UnitCounts {
  unitId: string;
  counts: Record<string, number>;
  rates: Record<string, Rate>;
}

export interface RankedRow {
  unitId: string;
  unitName: string;
  [field: string]: unknown;
  score: number | null;
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
}

/** A count as the database returns it (a number, a numeric string, or null for no rows). */
export const count = (x: unknown): number => Number(x ?? 0);

export const rateValue = (r: Rate): number | null => (r.denominator === 0 ? null : round(r.numerator / r.denominator, 4));

export const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round((x + Number.EPSILON) * f) / f;
};

/** score = 100 × Σ wᵢrᵢ ÷ Σ wᵢ over the non-null rates with wᵢ > 0, rounded to 2 decimals; null when there is none. */
export function scoreOf(rates: Record<string, number | null>, weights: Weights): number | null {
  let num = 0;
  let den = 0;
  for (const [name, w] of Object.entries(weights)) {
    const r = rates[name];
    if (w > 0 && r !== null && r !== undefined) {
      num += w * r;
      den += w;
    }
  }
  return den === 0 ? null : round((100 * num) / den, 2);
}

/** Competition ranking by score descending: equal scores share a rank, the next rank skips; no score, no rank. */
export function competitionRanks(scores: Array<number | null>): Array<number | null> {
  const ranked = scores.filter((s): s is number => s !== null).sort((a, b) => b - a);
  return scores.map((s) => (s === null ? null : ranked.indexOf(s) + 1));
}

/** The whole table: rates, score, rank, previous rank, change, ordered by rank (unranked last, then by unit id). */
export function rankUnits(
  units: UnitCounts[],
  weights: Weights,
  previousRanks: Map<string, number | null>,
  nameOf: (unitId: string) => string,
): RankedRow[] {
  const scored = units.map((u) => {
    const rates = Object.fromEntries(Object.entries(u.rates).map(([k, r]) => [k, rateValue(r)]));
    // The score from the exact fractions; the rates are shown rounded to 4 decimals.
    const exact = Object.fromEntries(Object.entries(u.rates).map(([k, r]) => [k, r.denominator === 0 ? null : r.numerator / r.denominator]));
    return { u, rates, score: scoreOf(exact, weights) };
  });
  const ranks = competitionRanks(scored.map((s) => s.score));
  const rows = scored.map(({ u, rates, score }, i): RankedRow => {
    const rank = ranks[i];
    const previousRank = rank === null ? null : (previousRanks.get(u.unitId) ?? null);
    return {
      unitId: u.unitId,
      unitName: nameOf(u.unitId),
      ...u.counts,
      ...rates,
      denominators: Object.fromEntries(Object.entries(u.rates).map(([k, r]) => [k, { numerator: r.numerator, denominator: r.denominator }])),
      score,
      rank,
      previousRank,
      rankChange: rank !== null && previousRank !== null ? previousRank - rank : null,
    };
  });
  return rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unitId.localeCompare(b.unitId));
}

/** 红榜 and 黑榜: the first and the last `size` ranked units (the black list worst first). */
export function topAndBottom(rows: RankedRow[], size: number) {
  const ranked = rows.filter((r) => r.rank !== null);
  return {
    top: ranked.slice(0, size).map((r) => ({ unitId: r.unitId, unitName: r.unitName, rank: r.rank, score: r.score })),
    bottom: ranked
      .slice(-size)
      .reverse()
      .map((r) => ({ unitId: r.unitId, unitName: r.unitName, rank: r.rank, score: r.score })),
  };
}

/** A month's ranking as served (and, once published, frozen in its publication event). */
export interface RankingReport {
  kind: RankingKind;
  month: string;
  published: boolean;
  /** When the figures were computed (the publication time for a published ranking; `knownAt` when given). */
  generatedAt: string;
  /** Present on a live ranking asked for as known at a moment: only events recorded by then counted (SPEC §3). */
  knownAt?: string;
  weights: Weights;
  rows: RankedRow[];
  top: ReturnType<typeof topAndBottom>['top'];
  bottom: ReturnType<typeof topAndBottom>['bottom'];
}

/** The figures of one ranking kind per unit for a month: as known now, and as known at a past moment (SPEC §3). */
export interface RankingFigures {
  /** At `now`, from the read model as it stands. */
  counts(month: string, now: Date): Promise<UnitCounts[]>;
  /** As known at `k` (ISO): only facts recorded by then, `k` the present for "its due time has passed". */
  countsKnownAt(month: string, k: string): Promise<UnitCounts[]>;
}
