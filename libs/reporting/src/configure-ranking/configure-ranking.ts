import { DomainError } from '@qf/kernel';
import type { RankingConfig, RankingConfigured } from '../ranking-config';
import { DEFAULT_WEIGHTS, type RankingKind, type Weights } from '../ranking/ranking';
import type { ReportingDecideContext } from '../reporting-rules';

/** PUT /api/reports/weights — one kind's weights (rate → weight; rates left out weigh 0) and list size (SPEC §7). */
export type ConfigureRanking = { type: 'ConfigureRanking'; kind: RankingKind; weights: Weights; listSize: number };

/**
 * Weights are numbers from 0 to 1000 of the kind's own rates (else 400), at least one of them above 0 (else 422).
 * Every configuration is recorded (the last one applies).
 */
export function decideConfigureRanking(command: ConfigureRanking, _state: RankingConfig, _ctx: ReportingDecideContext): RankingConfigured[] {
  const { kind, weights, listSize } = command;
  for (const [k, w] of Object.entries(weights)) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 1000) {
      throw new DomainError('VALIDATION_FAILED', 'weights must be numbers ≥ 0', [{ field: `weights.${k}`, message: 'must be a number between 0 and 1000' }]);
    }
  }
  const known = Object.keys(DEFAULT_WEIGHTS[kind]);
  const unknown = Object.keys(weights).filter((k) => !known.includes(k));
  if (unknown.length) {
    throw new DomainError('VALIDATION_FAILED', `unknown rates for ${kind}: ${unknown.join(', ')}`, unknown.map((field) => ({ field: `weights.${field}`, message: `not a ${kind} rate (${known.join(', ')})` })));
  }
  const full = Object.fromEntries(known.map((k) => [k, weights[k] ?? 0]));
  if (!Object.values(full).some((w) => w > 0)) throw new DomainError('RULE_VIOLATION', 'at least one weight must be above 0');
  return [{ type: 'RankingConfigured', data: { kind, weights: full, listSize } }];
}
