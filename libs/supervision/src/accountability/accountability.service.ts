import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, StoredEvent } from '@qf/event-store';
import { ReadModelCheckpointStore, type ReadModelDb } from '@qf/projections';
import { EVENT_STORE, READ_MODEL_DB, SYSTEM_ACTOR, execute, load, type CommandContext } from '@qf/platform';
import { DirectoryService } from '@qf/directory';
import { CluesService, type ClueSubject } from '@qf/clue';
import { sourceOfKind } from '../case-sources';
import { AccountabilityClueRegistered, DeadlineEscalated, Escalatable, escalatable } from '../escalation';
import { EventReactor } from './event-reactor';

/** The head of U, when known: whoever acknowledged level 1 of this ladder as U's `unit_head` (their token's name). */
export function knownHead(state: Escalatable<unknown>, level3: DeadlineEscalated['data']): ClueSubject[] {
  const level1 = Object.values(state.fired).find(
    (f) => f.data.level === 1 && f.data.stage === level3.stage && f.data.round === level3.round && f.data.dueAt === level3.dueAt,
  );
  const by = level1?.acknowledged?.by;
  if (!by || !by.name || by.unitId !== level3.unitId || !by.roles.includes('unit_head')) return [];
  return [{ name: by.name, unitId: level3.unitId, rank: 'other', partyMember: false }];
}

/**
 * The process manager of level 3 (SPEC §4): for every level-3 escalation, an accountability clue (问责线索,
 * `source: supervision`, category `work`) about U's head when known, causation-linked to the escalation event; then
 * the case stream records which clue it was. Every step is idempotent by a command id derived from the escalation,
 * and the clue's time is the escalation's, so handling an event twice after a crash registers nothing twice.
 */
@Injectable()
export class AccountabilityService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('accountability');
  private reactor?: EventReactor;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    private readonly clues: CluesService,
    private readonly directory: DirectoryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const checkpoints = new ReadModelCheckpointStore(this.readModels.db);
    await checkpoints.migrate();
    this.reactor = new EventReactor('accountability-clues', this.store, checkpoints, (e) => this.handle(e), {
      error: (m) => this.logger.error(m),
    });
    await this.reactor.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactor?.stop();
  }

  async handle(event: StoredEvent): Promise<void> {
    if (event.type !== 'DeadlineEscalated') return;
    const data = (event as unknown as DeadlineEscalated).data;
    if (data.level !== 3) return;
    const aggregate = escalatable(sourceOfKind(data.caseKind).aggregate);
    const loaded = await load(this.store, event.streamId, aggregate);
    if (loaded.state.fired[data.escalationId]?.clueId) return;
    const base: Omit<CommandContext, 'commandId'> = {
      actor: SYSTEM_ACTOR,
      now: new Date(event.metadata.occurredAt),
      correlationId: event.metadata.correlationId,
      causationId: event.id,
    };
    const clueCtx = { ...base, commandId: `accountability:${data.escalationId}` };
    const clueId = await this.clues.allocateId(clueCtx);
    const unitName = this.directory.current().get(data.unitId)?.name ?? data.unitId;
    await this.clues.registerReferred(
      clueId,
      {
        source: 'supervision',
        sourceRef: `${data.caseKind}/${data.caseId}`,
        subjects: knownHead(loaded.state, data),
        allegations: `超期督办三级：${unitName}（${data.unitId}）承办的 ${data.caseKind} ${data.caseId} 的「${data.stage}」时限 ${data.dueAt} 已超期 7 个工作日仍未办结，依规启动问责。`,
        category: 'work',
        causationId: event.id,
      },
      clueCtx,
    );
    await execute(this.store, event.streamId, aggregate, { ...base, commandId: `accountability-link:${data.escalationId}` }, (state) => ({
      events: state.fired[data.escalationId]?.clueId ? [] : [{ type: 'AccountabilityClueRegistered', data: { escalationId: data.escalationId, clueId } } as AccountabilityClueRegistered],
    }));
    this.logger.log(`level 3 on ${data.caseKind} ${data.caseId}/${data.stage}: accountability clue ${clueId}`);
  }
}
