import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import type { ReadModelDb } from '@qf/projections';
import {
  Actor,
  AsOfQuery,
  CommandRequest,
  CLOCK,
  CaseReaders,
  CommandRunner,
  Clock,
  CommandContext,
  DisclosureAuditors,
  DomainError,
  EVENT_STORE,
  PiiVault,
  ProjectionsService,
  READ_MODEL_DB,
  SlaPolicyService,
  decideUnderPolicy,
  allocateDailyId,
  commandContextOf,
  execute,
  hasRole,
  listCaseRows,
  load,
  noteAuditedDisclosure,
  queryRange,
  shanghaiDate,
} from '@qf/platform';
import { DirectoryService } from '@qf/directory';
import { CLUE_ID_PREFIX } from '@qf/contracts';
import { Clue, ClueCategory, ClueEvent, ClueSource, ClueSubject, Reporter, StoredReporter, clueAggregate, clueStream } from './clue';
import { ClueDecideContext, assertInspector } from './clue-rules';
import { ClueCommand, decide } from './clue.decide';
import { clueDetail, clueTimeline, reporterViews } from './clue-view';
import { AUDIT_TABLE, AuditRow, CLUES_TABLE, ClueRow, auditProjection, cluesProjection } from './read-models/clues.projection';
import { ListCluesQuery } from './list-clues.query';
import type { RegisterClueDto } from './register-clue/register-clue.dto';

/** Clue contents reach inspectors and case managers only (SPEC §3.3, §8). */
export function assertClueReader(actor: Actor): void {
  assertInspector(actor);
}

const reporterSubject = (clueId: string) => `clue-${clueId}-reporter`;

/** A clue registered on behalf of another case (referral, or an accountability clue of the escalation ladder). */
export interface ReferredClue {
  source: ClueSource;
  sourceRef: string;
  subjects: ClueSubject[];
  allegations: string;
  /** 问题类别; referrals from the public default to 群众纪律 (`mass`), level 3's accountability clue is `work`. */
  category?: ClueCategory;
  /** The level-3 escalation an accountability clue answers. */
  escalationId?: string;
}

/** The kind of audited read a case manager makes of a reporter's identity. */
const REPORTER_READ = 'clue-reporter';

/** The application service of the clue context (SPEC §3.3). */
@Injectable()
export class CluesService implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
    private readonly caseReaders: CaseReaders,
    private readonly commands: CommandRunner,
    private readonly vault: PiiVault,
    private readonly auditors: DisclosureAuditors,
    private readonly slaPolicy: SlaPolicyService,
  ) {}

  onModuleInit(): void {
    // A remembered answer that showed a reporter unmasked is audited again each time it is replayed (SPEC §8).
    this.auditors.register(REPORTER_READ, (clueId, actor, correlationId) => this.audit(clueId, { actor, commandId: randomUUID(), correlationId }));
    this.projections.register(cluesProjection);
    this.projections.register(auditProjection);
    this.caseReaders.register({ kind: 'clue', detail: (id, actor, at) => this.detail(id, actor, at), events: (id, actor) => this.timeline(id, actor) });
  }

  now(): Date {
    return this.clock.now();
  }

  /** A command's context from its HTTP request: the caller, the clock's now, idempotency and If-Match. */
  context(req: CommandRequest, actor: Actor): CommandContext {
    return commandContextOf(req, actor, this.clock.now());
  }

  /**
   * Runs one command against the clue's stream through the clue's one `decide`, under the SLA policy in force when
   * the stage starts (the registration's receivedAt, else now), and answers the clue as the caller sees it.
   */
  async run(id: string, ctx: CommandContext, command: ClueCommand) {
    assertClueReader(ctx.actor);
    const policies = await this.slaPolicy.timeline();
    const result = await this.commands.run(clueStream(id), clueAggregate, ctx, (state) =>
      decideUnderPolicy(policies, ctx.now, (policy) => decide(command, state, { actor: ctx.actor, now: ctx.now, policy } satisfies ClueDecideContext)),
      [cluesProjection.name],
    );
    return { detail: await this.view(result.state, result.version, this.clock.now(), ctx), created: result.appended.length > 0 };
  }

  /** 线索登记: XS id, the reporter sealed under their own key. */
  async register(body: RegisterClueDto, ctx: CommandContext) {
    assertClueReader(ctx.actor);
    const receivedAt = body.receivedAt ? new Date(body.receivedAt) : ctx.now;
    if (receivedAt.getTime() > ctx.now.getTime()) throw new DomainError('RULE_VIOLATION', 'receivedAt may not be in the future');
    this.directory.assertSubjectUnits(body.subjects);
    const id = await allocateDailyId(this.store, CLUE_ID_PREFIX, receivedAt, ctx);
    let reporter: StoredReporter | null = null;
    if (body.reporter) {
      const plain: Reporter = { name: body.reporter.name, realName: body.reporter.realName };
      if (body.reporter.phone) plain.phone = body.reporter.phone;
      if (body.reporter.idNumber) plain.idNumber = body.reporter.idNumber;
      reporter = { sealed: await this.vault.seal(reporterSubject(id), plain), realName: plain.realName };
    }
    const subjects = body.subjects.map((s) => ({ name: s.name, unitId: s.unitId, rank: s.rank, partyMember: s.partyMember }));
    return this.run(id, ctx, { type: 'RegisterClue', id, source: body.source, sourceRef: body.sourceRef ?? null, reporter, subjects, allegations: body.allegations, category: body.category, receivedAt });
  }

  /**
   * Registers a clue caused by another case's event (移送 from the hotline or petitions, or level 3 of the ladder),
   * as a reaction: same correlation id, causation pointing at that event (both in `ctx`). Subjects' units were
   * checked by the source when it recorded the referral; a unit retired since does not undo the referral.
   */
  async registerReferred(id: string, referral: ReferredClue, ctx: CommandContext): Promise<string> {
    // A referred clue is received now: its deadlines start under the policy in force now.
    const dctx: ClueDecideContext = { actor: ctx.actor, now: ctx.now, policy: await this.slaPolicy.inForceAt(ctx.now) };
    await this.commands.run(clueStream(id), clueAggregate, { ...ctx, expectedVersion: undefined }, (state) =>
      decide(
        // Referrals come from the public's complaints about officials' conduct: 群众纪律 until an inspector decides.
        {
          type: 'RegisterClue',
          referred: true,
          id,
          source: referral.source,
          sourceRef: referral.sourceRef,
          reporter: null,
          subjects: referral.subjects,
          allegations: referral.allegations,
          category: referral.category ?? 'mass',
          receivedAt: ctx.now,
          ...(referral.escalationId ? { escalationId: referral.escalationId } : {}),
        },
        state,
        dctx,
      ),
      [cluesProjection.name],
    );
    return id;
  }

  async forgetReporter(id: string, ctx: CommandContext) {
    const loaded = await load<Clue, ClueEvent>(this.store, clueStream(id), clueAggregate);
    // The key goes first: once the request is acknowledged the identity can never be read again, whatever follows.
    if (loaded.state.exists && loaded.state.reporter && hasRole(ctx.actor, 'case_manager')) await this.vault.erase(reporterSubject(id));
    return this.run(id, ctx, { type: 'ForgetReporter' });
  }

  /** Who handles every clue (SPEC §3 `unitId`, §4 "the discipline unit for clue stages"). */
  private handlerUnitId(): string | null {
    return this.directory.current().disciplineUnit()?.id ?? null;
  }

  /** The reporter unmasked for case managers only — and every such read leaves an audit record naming the reader. */
  private async view(state: Clue, version: number, now: Date, reader: Pick<CommandContext, 'actor' | 'commandId' | 'correlationId'>) {
    const reveal = hasRole(reader.actor, 'case_manager');
    const [reporter] = await reporterViews(this.vault, [state.reporter], reveal);
    if (reveal && reporter && reporter !== '[erased]') {
      await this.audit(state.id, reader);
      noteAuditedDisclosure(reporter, REPORTER_READ, state.id);
    }
    return clueDetail(state, version, now, reporter, this.handlerUnitId());
  }

  private async audit(clueId: string, reader: Pick<CommandContext, 'actor' | 'commandId' | 'correlationId'>): Promise<void> {
    const at = this.clock.now();
    const result = await execute(
      this.store,
      `audit-${shanghaiDate(at).slice(0, 7)}`,
      { initialState: () => null, evolve: (s: null) => s },
      { actor: reader.actor, now: at, commandId: `audit:${reader.commandId}:${clueId}`, correlationId: reader.correlationId, causationId: null },
      () => ({ events: [{ type: 'ReporterIdentityRead', data: { clueId, reader: reader.actor.sub, readerName: reader.actor.name } }] }),
    );
    await this.projections.settle(result.position, [auditProjection.name]);
  }

  async detail(id: string, actor: Actor, at: AsOfQuery = {}, correlationId = 'read') {
    assertClueReader(actor);
    const asOf = at.asOf ? new Date(at.asOf) : undefined;
    const knownAt = at.knownAt ? new Date(at.knownAt) : undefined;
    const loaded = await load<Clue, ClueEvent>(this.store, clueStream(id), clueAggregate, { occurredUntil: asOf, recordedUntil: knownAt });
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `clue ${id} not found`);
    return this.view(loaded.state, loaded.version, asOf ?? this.clock.now(), { actor, commandId: randomUUID(), correlationId });
  }

  async timeline(id: string, actor: Actor) {
    assertClueReader(actor);
    const loaded = await load<Clue, ClueEvent>(this.store, clueStream(id), clueAggregate);
    if (!loaded.state.exists) throw new DomainError('NOT_FOUND', `clue ${id} not found`);
    return { kind: 'clue', id, version: loaded.version, items: await clueTimeline(this.vault, loaded.events) };
  }

  async list(query: ListCluesQuery, actor: Actor) {
    assertClueReader(actor);
    const scope = query.unitId ? this.directory.current().subtree(query.unitId) : 'all';
    if (query.unitId && !this.directory.current().get(query.unitId)) throw new DomainError('NOT_FOUND', `unit ${query.unitId} not found`);
    const now = this.clock.now();
    const { docs, ...page } = await listCaseRows<ClueRow>(this.readModels.db, CLUES_TABLE, query, scope, now, { source: query.source });
    // Lists show the reporter masked, even to case managers (SPEC §8).
    const reporters = await reporterViews(this.vault, docs.map((d) => d.reporter), false);
    const handler = this.handlerUnitId();
    return { items: docs.map((row, i) => clueDetail(row, row.version, now, reporters[i], handler)), ...page };
  }

  async auditLog(query: { clueId?: string; reader?: string; from?: string; to?: string }) {
    let q = this.readModels.db.selectFrom(AUDIT_TABLE).select('doc');
    if (query.clueId) q = q.where('clue_id', '=', query.clueId);
    if (query.reader) q = q.where('reader', '=', query.reader);
    const { from, to } = queryRange(query);
    if (from) q = q.where('at', '>=', from.toISOString());
    if (to) q = q.where('at', '<=', to.toISOString());
    const rows = await q.orderBy('at').limit(1000).execute();
    return { items: rows.map((r) => JSON.parse(r.doc as string) as AuditRow) };
  }
}
