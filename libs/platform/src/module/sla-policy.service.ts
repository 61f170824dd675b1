import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import { toRecorded } from '../commands/aggregate';
import type { CommandContext } from '@qf/kernel';
import { CLOCK, EVENT_STORE } from '../tokens';
import type { Clock } from '../time/clock';
import type { SlaPolicy } from '@qf/kernel';
import { ChangeSlaLimit, SLA_POLICY_STREAM, SlaPolicyEvent, SlaPolicyTimeline, decideSlaPolicy, slaPolicyAggregate, slaPolicyTimeline } from '@qf/kernel';
import { CommandRunner } from './command-runner';

/**
 * 时限规则 (SPEC §4): the SLA policy's stream, read on every call — with several processes on one store a cached
 * policy would miss another process's change — and folded again only when its last revision moved (every command
 * asks for it; folding copies the whole default policy).
 */
@Injectable()
export class SlaPolicyService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandRunner,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The policy's history as it stands in the store now; `at(T)` answers the policy in force at T. */
  async timeline(): Promise<SlaPolicyTimeline & { version: number }> {
    const events = await this.store.readStream(SLA_POLICY_STREAM);
    const version = events.length ? events[events.length - 1].revision : -1;
    if (this.folded?.version !== version) {
      const timeline = slaPolicyTimeline(events.map((e) => toRecorded<SlaPolicyEvent>(e)));
      this.folded = { changes: timeline.changes, at: timeline.at, version };
    }
    return this.folded;
  }

  private folded?: SlaPolicyTimeline & { version: number };

  async inForceAt(instant: Date): Promise<SlaPolicy> {
    return (await this.timeline()).at(instant);
  }

  /** 调整时限: one stage's limit, as an event of the policy stream (actor, correlation id, If-Match as for cases). */
  async change(command: ChangeSlaLimit['data'], ctx: CommandContext): Promise<{ policy: SlaPolicy; version: number; changed: boolean }> {
    const result = await this.commands.run(SLA_POLICY_STREAM, slaPolicyAggregate, ctx, (policy) => decideSlaPolicy({ type: 'ChangeSlaLimit', data: command }, policy), []);
    return { policy: result.state, version: result.version, changed: result.appended.length > 0 };
  }
}
