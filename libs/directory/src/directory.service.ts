import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@qf/event-store';
import { APP_CONFIG, Actor, AppConfig, CLOCK, Clock, CommandContext, CommandRequest, EVENT_STORE, SYSTEM_ACTOR, commandContextOf, execute, load, notFound, ruleViolation } from '@qf/platform';
import { DIRECTORY_STREAM, DirectoryEvent, DirectoryState, Unit, UnitDefinition, directoryAggregate, initialDirectory } from './directory';
import { DirectoryView } from './directory-view';
import { DirectoryCommand, decide } from './directory.decide';

const REFRESH_MS = 10_000;

/**
 * The units directory, folded in memory from its stream (it is small and read on every request for unit scoping).
 * Refreshed after our own changes and periodically, so separately deployed services see 机构改革 too.
 */
@Injectable()
export class DirectoryService implements OnModuleInit, OnModuleDestroy {
  private view = new DirectoryView(initialDirectory());
  private version = -1;
  private timer?: NodeJS.Timeout;
  private readonly logger = new Logger('directory');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    if (this.version < 0) await this.seed(this.config.directorySeed);
    this.timer = setInterval(() => void this.refresh().catch((e) => this.logger.error(String(e))), REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  current(): DirectoryView {
    return this.view;
  }

  get(id: string): Unit {
    const unit = this.view.get(id);
    if (!unit) throw notFound(`unit ${id}`);
    return unit;
  }

  /** Cases go only to units that exist and are not retired. */
  assertActiveUnit(unitId: string): void {
    const unit = this.view.get(unitId);
    if (!unit || !unit.active) throw ruleViolation(`unit ${unitId} does not exist or is retired`);
  }

  /** The people a clue is about must belong to units of the directory (a register or a referral alike). */
  assertSubjectUnits(subjects: Array<{ unitId: string }>): void {
    subjects.forEach((s, i) => {
      if (!this.view.get(s.unitId)) throw ruleViolation(`subjects[${i}].unitId ${s.unitId} is not a unit of the directory`);
    });
  }

  /** The parent of a unit; the root for a unit without one (SPEC §4: level 2 of a root-level unit goes to the root). */
  parentOf(unitId: string): string | null {
    return this.view.get(unitId)?.parentId ?? this.view.root()?.id ?? null;
  }

  async refresh(): Promise<void> {
    const loaded = await load<DirectoryState, DirectoryEvent>(this.store, DIRECTORY_STREAM, directoryAggregate);
    this.view = new DirectoryView(loaded.state);
    this.version = loaded.version;
  }

  /** A command's context from its HTTP request: the caller, the clock's now, idempotency and If-Match. */
  context(req: CommandRequest, actor: Actor): CommandContext {
    return commandContextOf(req, actor, this.clock.now());
  }

  /**
   * Runs one command against the directory's stream through its one `decide` (load, decide, append with optimistic
   * concurrency and deterministic event ids) and folds the result into the view this process serves.
   */
  async run(ctx: CommandContext, command: DirectoryCommand) {
    const result = await execute(this.store, DIRECTORY_STREAM, directoryAggregate, ctx, (state) => decide(command, state, { actor: ctx.actor, now: ctx.now }));
    this.apply(result.state, result.version);
    return result;
  }

  private async seed(path: string): Promise<void> {
    const units = JSON.parse(readFileSync(path, 'utf8')) as UnitDefinition[];
    // A fixed command id: services starting together against one store seed the directory once.
    const ctx: CommandContext = { actor: SYSTEM_ACTOR, now: this.clock.now(), commandId: 'directory-seed', correlationId: 'directory-seed', causationId: null };
    await this.run(ctx, { type: 'SeedDirectory', units });
    this.logger.log(`directory seeded with ${units.length} units from ${path}`);
  }

  /** 登记或变更单位: the unit as it now is, and whether it was registered by this command. */
  async put(unit: UnitDefinition, ctx: CommandContext): Promise<{ unit: Unit; created: boolean; position: bigint | null }> {
    const result = await this.run(ctx, { ...unit, type: 'PutUnit' });
    return { unit: this.get(unit.id), created: result.appended.some((e) => e.type === 'UnitRegistered'), position: result.position };
  }

  /** 撤销单位: the unit, retired. */
  async retire(id: string, ctx: CommandContext): Promise<Unit> {
    await this.run(ctx, { type: 'RetireUnit', id });
    return this.get(id);
  }

  private apply(state: DirectoryState, version: number) {
    if (version >= this.version) {
      this.view = new DirectoryView(state);
      this.version = version;
    }
  }
}
