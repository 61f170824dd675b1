import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EventStore, StoredEvent } from '@qf/event-store';
import { ReadModelDb, documentProjection } from '@qf/projections';
import { Actor, CLOCK, Clock, CommandContext, CommandRequest, CommandRunner, DomainError, EVENT_STORE, ProjectionsService, READ_MODEL_DB, commandContextOf, formatShanghai, load } from '@qf/platform';
import { DirectoryService } from '@qf/directory';
import { CAMPAIGN_STREAM_PREFIX, CampaignDefinition, campaignAggregate, campaignStream } from '../campaign';
import { CampaignCommand, decide } from '../campaign.decide';

const CAMPAIGNS_TABLE = 'report_campaigns';

const campaignsProjection = documentProjection<CampaignDefinition & { createdAt: string }>({
  name: 'report-campaigns',
  version: 1,
  table: CAMPAIGNS_TABLE,
  columns: { baseline_at: 'text' },
  key: (e: StoredEvent) => (e.type === 'CampaignCreated' && e.streamId.startsWith(CAMPAIGN_STREAM_PREFIX) ? e.streamId.slice(CAMPAIGN_STREAM_PREFIX.length) : null),
  evolve: (_doc, e) => ({ ...(e.data as CampaignDefinition), createdAt: e.metadata.occurredAt }),
  columnsOf: (doc) => ({ baseline_at: new Date(doc.baselineAt).toISOString() }),
});

/** 专项行动 (SPEC §6): the campaigns' commands, and each campaign and their list. */
@Injectable()
export class CampaignsService implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
    private readonly commands: CommandRunner,
  ) {}

  onModuleInit(): void {
    this.projections.register(campaignsProjection);
  }

  now(): Date {
    return this.clock.now();
  }

  /** A command's context from its HTTP request: the caller, the clock's now, idempotency and If-Match. */
  context(req: CommandRequest, actor: Actor): CommandContext {
    return commandContextOf(req, actor, this.clock.now());
  }

  /** Runs one command against the campaign's stream through its one `decide` (whatever version the caller saw). */
  async run(id: string, ctx: CommandContext, command: CampaignCommand) {
    const result = await this.commands.run(campaignStream(id), campaignAggregate, { ...ctx, expectedVersion: undefined }, (state) => decide(command, state, { actor: ctx.actor, now: ctx.now }), [campaignsProjection.name]);
    return { campaign: { ...result.state.definition!, createdAt: result.state.createdAt }, created: result.appended.length > 0 };
  }

  /** 创建专项行动: its units must be units of the directory. */
  async create(command: CampaignCommand, ctx: CommandContext) {
    for (const u of command.unitIds ?? []) if (!this.directory.current().get(u)) throw new DomainError('NOT_FOUND', `unit ${u} not found`);
    return this.run(command.id, ctx, command);
  }

  /** The campaign — as known at `knownAt` when given: one created after it is not found, as it was not then. */
  async get(id: string, knownAt?: Date | null): Promise<CampaignDefinition & { createdAt: string | null }> {
    const { state } = await load(this.store, campaignStream(id), campaignAggregate, knownAt ? { recordedUntil: knownAt } : undefined);
    if (!state.exists) throw new DomainError('NOT_FOUND', knownAt ? `campaign ${id} not found as known at ${formatShanghai(knownAt)}` : `campaign ${id} not found`);
    return { ...state.definition!, createdAt: state.createdAt };
  }

  async list() {
    const rows = await this.readModels.db.selectFrom(CAMPAIGNS_TABLE).select('doc').orderBy('baseline_at', 'desc').orderBy('id').execute();
    return { items: rows.map((r) => JSON.parse(r.doc as string)) };
  }
}
