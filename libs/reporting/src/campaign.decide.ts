import { decision, type Decision } from '@qf/kernel';
import type { Campaign, CampaignEvent } from './campaign';
import type { ReportingDecideContext } from './reporting-rules';
import { CreateCampaign, decideCreateCampaign } from './create-campaign/create-campaign';

/** Every command of a campaign (SPEC §6); each is defined in its slice. */
export type CampaignCommand = CreateCampaign;

/** The campaign's one decide: a command and the campaign it meets → the events (or a domain error). */
export function decide(command: CampaignCommand, state: Campaign, ctx: ReportingDecideContext): Decision<CampaignEvent> {
  switch (command.type) {
    case 'CreateCampaign':
      return decision<CampaignEvent>(decideCreateCampaign(command, state, ctx));
    default: {
      const _exhaustive: never = command.type;
      throw new Error(`unknown campaign command ${JSON.stringify(command)}`);
    }
  }
}
