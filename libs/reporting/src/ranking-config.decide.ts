import { decision, type Decision } from '@qf/kernel';
import type { RankingConfig, RankingConfigEvent } from './ranking-config';
import type { ReportingDecideContext } from './reporting-rules';
import { ConfigureRanking, decideConfigureRanking } from './configure-ranking/configure-ranking';

/** Every command of the ranking configuration (SPEC §7); each is defined in its slice. */
export type RankingConfigCommand = ConfigureRanking;

/** The ranking configuration's one decide: a command and the configuration it meets → the events (or a domain error). */
export function decide(command: RankingConfigCommand, state: RankingConfig, ctx: ReportingDecideContext): Decision<RankingConfigEvent> {
  switch (command.type) {
    case 'ConfigureRanking':
      return decision<RankingConfigEvent>(decideConfigureRanking(command, state, ctx));
    default: {
      const _exhaustive: never = command.type;
      throw new Error(`unknown ranking configuration command ${JSON.stringify(command)}`);
    }
  }
}
