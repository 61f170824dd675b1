import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, StoredEvent } from '@qf/event-store';
import { ReadModelCheckpointStore, migrateExclusively, type ReadModelDb } from '@qf/projections';
import { CLUE_ID_PREFIX, type DeadlineEscalated, type OrderReferred, type PetitionReferred } from '@qf/contracts';
import { APP_CONFIG, type AppConfig, EVENT_STORE, EventReactor, READ_MODEL_DB, ReadinessChecks, SYSTEM_ACTOR, allocateDailyId, type CommandContext } from '@qf/platform';
import { DirectoryService } from '@qf/directory';
import { CluesService } from '../clues.service';
import { accountabilityAllegations, knownHead } from './accountability';

/**
 * The clue context's reactions to other contexts' events (SPEC §3.1, §3.2, §4), read from the event store on a
 * checkpointed subscription: a referral (移送) registers the clue the source case allocated; a level-3 escalation
 * registers an accountability clue (问责线索). Every registration runs under a command id derived from the event, so
 * handling an event again — after a crash, or in a second process running the same reactions — registers nothing
 * twice; the clue's time is the event's, so a retry gets the same XS number.
 */
@Injectable()
export class ClueReactionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('clue-reactions');
  private reactor?: EventReactor;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    private readonly clues: CluesService,
    private readonly directory: DirectoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readiness: ReadinessChecks,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.background) return; // a maintenance command (QF_BACKGROUND=off) reacts to nothing
    const checkpoints = new ReadModelCheckpointStore(this.readModels.db);
    await migrateExclusively(this.readModels, (db) => checkpoints.migrate(db));
    this.reactor = new EventReactor('clue-reactions', this.store, checkpoints, (e) => this.handle(e), { error: (m) => this.logger.error(m) });
    await this.reactor.start();
    // GET /health/ready: how far behind the referrals and level-3 escalations waiting to become clues are.
    const reactor = this.reactor;
    this.readiness.register('clueReactions', () => reactor.status());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactor?.stop();
  }

  async handle(event: StoredEvent): Promise<void> {
    const base = { now: new Date(event.metadata.occurredAt), correlationId: event.metadata.correlationId, causationId: event.id };
    switch (event.type) {
      case 'OrderReferred': {
        const d = (event as unknown as OrderReferred).data;
        await this.register(d.clueId, { source: 'hotline', sourceRef: `hotline/${d.orderNo}`, subjects: d.subjects, allegations: d.reason }, { ...base, actor: this.actorOf(event), commandId: `referral:${event.id}` });
        return;
      }
      case 'PetitionReferred': {
        const d = (event as unknown as PetitionReferred).data;
        await this.register(d.clueId, { source: 'petition', sourceRef: `petition/${d.id}`, subjects: d.subjects, allegations: d.reason }, { ...base, actor: this.actorOf(event), commandId: `referral:${event.id}` });
        return;
      }
      case 'DeadlineEscalated': {
        const d = (event as unknown as DeadlineEscalated).data;
        if (d.level !== 3) return;
        const ctx: CommandContext = { ...base, actor: SYSTEM_ACTOR, commandId: `accountability:${d.escalationId}` };
        const clueId = await allocateDailyId(this.store, CLUE_ID_PREFIX, ctx.now, ctx);
        const caseEvents = await this.store.readStream(event.streamId);
        const unitName = this.directory.current().get(d.unitId)?.name ?? d.unitId;
        await this.register(clueId, { source: 'supervision', sourceRef: `${d.caseKind}/${d.caseId}`, subjects: knownHead(caseEvents, d), allegations: accountabilityAllegations(d, unitName), category: 'work', escalationId: d.escalationId }, ctx);
        this.logger.log(`level 3 on ${d.caseKind} ${d.caseId}/${d.stage}: accountability clue ${clueId}`);
        return;
      }
      default:
        return;
    }
  }

  /** The referrer as the events recorded them (their name is not in the event metadata). */
  private actorOf(event: StoredEvent) {
    const a = event.metadata.actor;
    return { sub: a.sub, name: a.sub, unitId: a.unitId, roles: a.roles as never };
  }

  private register(id: string, clue: Parameters<CluesService['registerReferred']>[1], ctx: CommandContext): Promise<string> {
    return this.clues.registerReferred(id, clue, ctx);
  }
}
