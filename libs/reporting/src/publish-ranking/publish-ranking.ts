import { ruleViolation } from '@qf/kernel';
import type { RankingPublication, RankingPublished } from '../ranking-publication';
import type { RankingKind, RankingReport } from '../ranking/ranking';
import type { ReportingDecideContext } from '../reporting-rules';

/**
 * Publish `month`'s ranking of `kind` as computed now (`report`); run by the ranking publisher as the system — no
 * route.
 */
export type PublishRanking = { type: 'PublishRanking'; kind: RankingKind; month: string; report: RankingReport };

/** Once: a month already published appends nothing (the publication stays as it was frozen). */
export function decidePublishRanking(command: PublishRanking, state: RankingPublication, _ctx: ReportingDecideContext): RankingPublished[] {
  if (state.published) return [];
  if (command.report.kind !== command.kind || command.report.month !== command.month) {
    throw ruleViolation(`the report is the ${command.report.kind} ranking of ${command.report.month}, not the ${command.kind} ranking of ${command.month}`);
  }
  return [{ type: 'RankingPublished', data: { ...command.report, published: true } }];
}
