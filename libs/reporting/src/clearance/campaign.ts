import { DomainError, canonicalJson, type Recorded } from '@qf/platform';
import type { ClearanceKind } from './clearance-facts.projection';

/** 专项行动 — a campaign fixes a baseline for stock-and-increment clearance (SPEC §6). */
export interface CampaignDefinition {
  id: string;
  name: string;
  kinds: ClearanceKind[];
  baselineAt: string;
  targetAt: string;
  /** Only cases handled within these units' subtrees; all units when absent. */
  unitIds: string[] | null;
}

export type CampaignCreated = { type: 'CampaignCreated'; data: CampaignDefinition };
export interface Campaign {
  exists: boolean;
  definition: CampaignDefinition | null;
  createdAt: string | null;
}

export const campaignStream = (id: string) => `campaign-${id}`;
export const campaignAggregate = {
  initialState: (): Campaign => ({ exists: false, definition: null, createdAt: null }),
  evolve: (s: Campaign, e: Recorded<CampaignCreated>): Campaign => (e.type === 'CampaignCreated' ? { exists: true, definition: e.data, createdAt: e.occurredAt } : s),
};

/** Create once; the same definition again is a retry (nothing appended), another one under the same id is 409. */
export function decideCreateCampaign(def: CampaignDefinition, state: Campaign): CampaignCreated[] {
  if (Date.parse(def.baselineAt) >= Date.parse(def.targetAt)) throw new DomainError('RULE_VIOLATION', 'baselineAt must be before targetAt');
  if (state.exists) {
    if (canonicalJson(state.definition) === canonicalJson(def)) return [];
    throw new DomainError('DUPLICATE', `campaign ${def.id} exists with another definition`);
  }
  return [{ type: 'CampaignCreated', data: def }];
}
