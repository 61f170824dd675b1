import { DomainError, canonicalJson, withShanghaiOffset } from '@qf/kernel';
import type { Campaign, CampaignCreated, CampaignDefinition } from '../campaign';
import type { ReportingDecideContext } from '../reporting-rules';

/** POST /api/campaigns — a campaign with its baseline (SPEC §6). */
export type CreateCampaign = { type: 'CreateCampaign'; unitIds?: string[] | null } & Omit<CampaignDefinition, 'unitIds'>;

/**
 * The definition as stored: kinds and units once each, in order; no units means all; times without an offset read as
 * Asia/Shanghai time (`2026-03-01` as a baseline is that day's start, as a target that day's end).
 */
export function campaignDefinitionOf(command: CreateCampaign): CampaignDefinition {
  const { type: _type, ...def } = command;
  const baselineAt = withShanghaiOffset(def.baselineAt, 'from');
  const targetAt = withShanghaiOffset(def.targetAt, 'to');
  if (!baselineAt || !targetAt) throw new DomainError('VALIDATION_FAILED', 'baselineAt and targetAt must be ISO 8601 times');
  return { ...def, baselineAt, targetAt, kinds: [...new Set(def.kinds)].sort(), unitIds: def.unitIds ? [...new Set(def.unitIds)].sort() : null };
}

/** Create once; the same definition again is a retry (nothing appended), another one under the same id is 409. */
export function decideCreateCampaign(command: CreateCampaign, state: Campaign, _ctx: ReportingDecideContext): CampaignCreated[] {
  const def = campaignDefinitionOf(command);
  if (Date.parse(def.baselineAt) >= Date.parse(def.targetAt)) throw new DomainError('RULE_VIOLATION', 'baselineAt must be before targetAt');
  if (state.exists) {
    if (canonicalJson(state.definition) === canonicalJson(def)) return [];
    throw new DomainError('DUPLICATE', `campaign ${def.id} exists with another definition`);
  }
  return [{ type: 'CampaignCreated', data: def }];
}
