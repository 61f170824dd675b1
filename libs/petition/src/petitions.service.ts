import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import type { ReadModelDb } from '@qf/projections';
import {
  APP_CONFIG,
  Actor,
  CommandRequest,
  commandContextOf,
  AppConfig,
  ReferDto,
  awaitStream,
  AsOfQuery,
  CLOCK,
  CaseReaders,
  CommandRunner,
  Clock,
  CommandContext,
  DomainError,
  EVENT_STORE,
  PiiVault,
  ProjectionsService,
  READ_MODEL_DB,
  SlaPolicy,
  SlaPolicyService,
  allocateDailyId,
  decideUnderPolicy,
  forbidden,
  hasRole,
  listCaseRows,
  load,
} from '@qf/platform';
import { DirectoryService, assertMayReadKind, mayReadCase, readScope } from '@qf/directory';
import { CLUE_ID_PREFIX, clueStreamOf } from '@qf/contracts';
import { Petition, PetitionEvent, Petitioner, StoredPetitioner, petitionAggregate, petitionStream } from './petition';
import { PetitionDecideContext } from './petition-rules';
import { petitionDetail, petitionTimeline, petitionerViews } from './petition-view';
import { PETITIONS_TABLE, PetitionRow, petitionsProjection } from './read-models/petitions.projection';
import { ListPetitionsQuery } from './list-petitions.query';
import type { RegisterPetitionDto } from './register-petition/register-petition.dto';
import { PetitionCommand, decide } from './petition.decide';

const OFFICE: ['petition_officer'] = ['petition_officer'];
const REPEAT_WINDOW_MS = 365 * 24 * 3600 * 1000;

/** The application service of the petitions context (SPEC §3.2). */
@Injectable()
export class PetitionsService implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
    private readonly caseReaders: CaseReaders,
    private readonly commands: CommandRunner,
    private readonly vault: PiiVault,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly slaPolicy: SlaPolicyService,
  ) {}

  onModuleInit(): void {
    this.projections.register(petitionsProjection);
    this.caseReaders.register({ kind: 'petition', detail: (id, actor, at) => this.detail(id, actor, at), events: (id, actor) => this.timeline(id, actor) });
  }

  now(): Date {
    return this.clock.now();
  }

  assertActiveUnit(unitId: string): void {
    this.directory.assertActiveUnit(unitId);
  }

  /** A command's context from its HTTP request: the caller, the clock's now, idempotency and If-Match. */
  context(req: CommandRequest, actor: Actor): CommandContext {
    return commandContextOf(req, actor, this.clock.now());
  }

  private decideContext(ctx: CommandContext, policy: SlaPolicy): PetitionDecideContext {
    const dir = this.directory.current();
    return {
      actor: ctx.actor,
      now: ctx.now,
      policy,
      parentOf: (unitId) => this.directory.parentOf(unitId),
      inSubtree: (unitId, rootId) => dir.isInSubtree(unitId, rootId),
    };
  }

  /**
   * Runs one command against the petition's stream through the petition's one `decide`, under the SLA policy in force
   * when the stage starts (the registration's receivedAt, else now), and answers the petition as the caller sees it.
   */
  async run(id: string, ctx: CommandContext, command: PetitionCommand) {
    const policies = await this.slaPolicy.timeline();
    const result = await this.commands.run(petitionStream(id), petitionAggregate, ctx, (state) =>
      decideUnderPolicy(policies, ctx.now, (policy) => decide(command, state, this.decideContext(ctx, policy))),
      [petitionsProjection.name],
    );
    return { detail: await this.view(result.state, result.version, this.clock.now(), ctx.actor), created: result.appended.length > 0 };
  }

  /** 登记: allocates the XF id, seals the petitioner under their own key, and looks for an earlier petition (重复信访). */
  async register(body: RegisterPetitionDto, ctx: CommandContext) {
    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : ctx.now;
    if (receivedAt.getTime() > ctx.now.getTime()) throw new DomainError('RULE_VIOLATION', 'receivedAt may not be in the future');
    const id = await allocateDailyId(this.store, 'XF', receivedAt, ctx);
    const plain: Petitioner = { ...body.petitioner };
    for (const k of Object.keys(plain) as Array<keyof Petitioner>) if (plain[k] === undefined) delete plain[k];
    const petitioner: StoredPetitioner = {
      sealed: await this.vault.seal(`petition-${id}-petitioner`, plain),
      idDigest: plain.idNumber ? this.vault.digest({ idNumber: plain.idNumber.toUpperCase() }) : null,
    };
    const repeatOf = petitioner.idDigest ? await this.findRepeat(petitioner.idDigest, body.category, receivedAt, id) : null;
    return this.run(id, ctx, {
      type: 'RegisterPetition',
      id,
      channel: body.channel,
      petitioner,
      anonymous: body.anonymous ?? false,
      subject: body.subject,
      content: body.content,
      category: body.category,
      receivedAt,
      repeatOf,
    });
  }

  /** The latest petition of the same person (by id-number digest) in the same category within the preceding 365 days. */
  private async findRepeat(idDigest: string, category: string, receivedAt: Date, selfId: string): Promise<string | null> {
    const row = await this.readModels.db
      .selectFrom(PETITIONS_TABLE)
      .select('id')
      .where('id_digest', '=', idDigest)
      .where('category', '=', category)
      .where('received_at', '>=', new Date(receivedAt.getTime() - REPEAT_WINDOW_MS).toISOString())
      .where('received_at', '<=', receivedAt.toISOString())
      .where('id', '!=', selfId)
      .orderBy('received_at', 'desc')
      .executeTakeFirst();
    return (row?.id as string | undefined) ?? null;
  }

  /** 移送纪检监察: recorded on the petition with the clue id it allocated; the clue context registers the clue. */
  async refer(id: string, body: ReferDto, ctx: CommandContext) {
    const loaded = await load<Petition, PetitionEvent>(this.store, petitionStream(id), petitionAggregate);
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `petition ${id} not found`);
    this.directory.assertSubjectUnits(body.subjects);
    const clueId = await allocateDailyId(this.store, CLUE_ID_PREFIX, ctx.now, ctx);
    const referred = await this.run(id, ctx, { type: 'ReferPetition', clueId, reason: body.reason, subjects: body.subjects });
    await awaitStream(this.store, clueStreamOf(clueId), this.config.projectionWaitMs);
    return { ...referred.detail, clueId };
  }

  /**
   * Who may read a petition (SPEC §1). One not yet assigned is with the petitions bureau — the unit its assign stage
   * escalates from (§4) — so the supervisors above the bureau can open the case their escalation names.
   */
  private assertMayRead(actor: Actor, petition: Pick<Petition, 'unitId'>): void {
    const dir = this.directory.current();
    if (!mayReadCase(dir, actor, OFFICE, petition.unitId ?? dir.petitionsBureau()?.id ?? null)) throw forbidden('you may not read this petition');
  }

  /** Petitioner identity in full: the bureau, and the unit it is assigned to unless the petitioner asked for anonymity. */
  private mayReveal(actor: Actor, petition: Pick<Petition, 'unitId' | 'anonymous'>): boolean {
    if (hasRole(actor, 'petition_officer')) return true;
    return !petition.anonymous && hasRole(actor, 'unit_handler', 'unit_head') && !!petition.unitId && actor.unitId === petition.unitId;
  }

  private async view(state: Petition, version: number, now: Date, actor: Actor) {
    const [petitioner] = await petitionerViews(this.vault, [state.petitioner], [this.mayReveal(actor, state)]);
    return petitionDetail(state, version, now, petitioner);
  }

  async detail(id: string, actor: Actor, at: AsOfQuery = {}) {
    const asOf = at.asOf ? new Date(at.asOf) : undefined;
    const knownAt = at.knownAt ? new Date(at.knownAt) : undefined;
    assertMayReadKind(this.directory.current(), actor, OFFICE);
    const loaded = await load<Petition, PetitionEvent>(this.store, petitionStream(id), petitionAggregate, { occurredUntil: asOf, recordedUntil: knownAt });
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `petition ${id} not found`);
    this.assertMayRead(actor, loaded.state);
    return this.view(loaded.state, loaded.version, asOf ?? this.clock.now(), actor);
  }

  async timeline(id: string, actor: Actor) {
    assertMayReadKind(this.directory.current(), actor, OFFICE);
    const loaded = await load<Petition, PetitionEvent>(this.store, petitionStream(id), petitionAggregate);
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `petition ${id} not found`);
    this.assertMayRead(actor, loaded.state);
    return { kind: 'petition', id, version: loaded.version, items: await petitionTimeline(this.vault, loaded.events) };
  }

  async list(query: ListPetitionsQuery, actor: Actor) {
    const dir = this.directory.current();
    const scope = readScope(dir, actor, OFFICE, query.unitId);
    const now = this.clock.now();
    // Not yet assigned: listed with the bureau, as its detail is read (decision 96).
    const { docs, ...page } = await listCaseRows<PetitionRow>(this.readModels.db, PETITIONS_TABLE, query, scope, now, {}, dir.petitionsBureau()?.id);
    // Lists always show the petitioner masked (SPEC §8).
    const petitioners = await petitionerViews(this.vault, docs.map((d) => d.petitioner), docs.map(() => false));
    const items = docs.map((row, i) => {
      const { content: _content, reply: _reply, ...summary } = petitionDetail(row, row.version, now, petitioners[i]);
      return summary;
    });
    return { items, ...page };
  }
}
