import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import { Actor, CLOCK, Clock, CommandContext, CommandRequest, EVENT_STORE, commandContextOf, execute, load } from '@qf/platform';
import { RANKING_CONFIG_STREAM, RankingConfig, rankingConfigAggregate } from '../ranking-config';
import { RankingConfigCommand, decide } from '../ranking-config.decide';

/** 排名权重: the admin's weights and list sizes of the rankings (SPEC §7), as configured now or as known at a moment. */
@Injectable()
export class RankingConfigService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A command's context from its HTTP request: the caller, the clock's now, idempotency (If-Match is not used here). */
  context(req: CommandRequest, actor: Actor): CommandContext {
    return commandContextOf(req, actor, this.clock.now());
  }

  /** The weights and list sizes, as configured now or as known at `knownAt`. */
  async config(knownAt?: Date): Promise<RankingConfig> {
    return (await load(this.store, RANKING_CONFIG_STREAM, rankingConfigAggregate, knownAt ? { recordedUntil: knownAt } : undefined)).state;
  }

  /** Runs one command against the configuration's stream (whatever version the caller saw) and answers the kind's configuration. */
  async run(ctx: CommandContext, command: RankingConfigCommand) {
    await execute(this.store, RANKING_CONFIG_STREAM, rankingConfigAggregate, { ...ctx, expectedVersion: undefined }, (state) => decide(command, state, { actor: ctx.actor, now: ctx.now }));
    return (await this.config())[command.kind];
  }
}
