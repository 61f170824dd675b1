/** Shared givens of the campaign specs: the actors, the decide context, and a campaign as created. */
import type { Actor } from '@qf/kernel';
import { at, specOf } from '@qf/kernel/testing';
import { campaignAggregate, type Campaign, type CampaignEvent } from './campaign';
import { decide, type CampaignCommand } from './campaign.decide';
import type { ReportingDecideContext } from './reporting-rules';
import type { CreateCampaign } from './create-campaign/create-campaign';

export const admin: Actor = { sub: 'admin-1', name: '管理员', roles: ['admin'], unitId: 'U-QU' };
export const ctx = (actor: Actor = admin, now = '2026-02-02T10:00:00+08:00'): ReportingDecideContext => ({ actor, now: new Date(now) });
export const campaign = specOf<Campaign, CampaignEvent, CampaignCommand, ReportingDecideContext>(campaignAggregate, decide);

export const createQc: CreateCampaign = {
  type: 'CreateCampaign',
  id: 'QC-2026',
  name: '2026年积案清仓见底专项行动',
  kinds: ['petition', 'hotline'],
  baselineAt: '2026-03-01T00:00:00+08:00',
  targetAt: '2026-06-30T23:59:59+08:00',
  unitIds: ['U-JD-02', 'U-JD-01'],
};
/** The campaign as stored: kinds and units sorted. */
export const campaignCreated: CampaignEvent = {
  type: 'CampaignCreated',
  data: { id: 'QC-2026', name: '2026年积案清仓见底专项行动', kinds: ['hotline', 'petition'], baselineAt: '2026-03-01T00:00:00+08:00', targetAt: '2026-06-30T23:59:59+08:00', unitIds: ['U-JD-01', 'U-JD-02'] },
};
export const created = at(campaignCreated, '2026-02-02T10:00:00.000+08:00');
