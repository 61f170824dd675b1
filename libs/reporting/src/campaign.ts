import type { Recorded } from '@qf/kernel';

/**
 * The kinds that count in clearance (SPEC §6): hotline, petition and clue — supervision orders are not cases of their
 * own. A static list, so that request validation and Swagger can name them; the clearance read model folds each of
 * them through its registered case kind (`CaseKindRegistry`).
 */
export type ClearanceKind = 'hotline' | 'petition' | 'clue';
export const CLEARANCE_KINDS: ClearanceKind[] = ['hotline', 'petition', 'clue'];

/** A campaign id: letters, digits, - and _, at most 40. */
export const CAMPAIGN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

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

/** 创建专项行动 — the campaign and its baseline, as defined once. */
export type CampaignCreated = { type: 'CampaignCreated'; data: CampaignDefinition };

export type CampaignEvent = CampaignCreated;

export interface Campaign {
  exists: boolean;
  definition: CampaignDefinition | null;
  createdAt: string | null;
}

export const initialCampaign = (): Campaign => ({ exists: false, definition: null, createdAt: null });

export const campaignStream = (id: string) => `campaign-${id}`;
export const CAMPAIGN_STREAM_PREFIX = 'campaign-';

export function evolve(state: Campaign, event: Recorded<CampaignEvent>): Campaign {
  switch (event.type) {
    case 'CampaignCreated':
      return { exists: true, definition: event.data, createdAt: event.occurredAt };
    default: {
      const _exhaustive: never = event.type;
      return state;
    }
  }
}

export const campaignAggregate = { initialState: initialCampaign, evolve };
