import { decision, type Decision } from '@qf/kernel';
import type { RankingPublication, RankingPublicationEvent } from './ranking-publication';
import type { ReportingDecideContext } from './reporting-rules';
import { PublishRanking, decidePublishRanking } from './publish-ranking/publish-ranking';

/** Every command of a ranking publication (SPEC §7); each is defined in its slice. */
export type RankingPublicationCommand = PublishRanking;

/** The publication's one decide: a command and the publication it meets → the events (or a domain error). */
export function decide(command: RankingPublicationCommand, state: RankingPublication, ctx: ReportingDecideContext): Decision<RankingPublicationEvent> {
  switch (command.type) {
    case 'PublishRanking':
      return decision<RankingPublicationEvent>(decidePublishRanking(command, state, ctx));
    default: {
      const _exhaustive: never = command.type;
      throw new Error(`unknown ranking publication command ${JSON.stringify(command)}`);
    }
  }
}
