import { join } from 'node:path';
import { Global, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { EventStore, EventStoreDbEventStore, PostgresEventStore, SqliteEventStore } from '@qf/event-store';
import { ReadModelDb, createReadModelDb, migrateExclusively } from '@qf/projections';
import { AppConfig, loadConfig } from '../config/config';
import { APP_CONFIG, CLOCK, EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { AuthGuard } from '../auth/auth.guard';
import { HttpErrorFilter } from '../errors/http-exception.filter';
import { DisclosureAuditors, IdempotencyInterceptor, IdempotencyStore } from '../http/idempotency';
import { BodylessCommandInterceptor } from '../http/bodyless';
import { Clock, createClock } from '../time/clock';
import { Metrics } from '../observability/metrics';
import { PiiVault } from '../pii/pii-vault';
import { FreshReadsInterceptor } from './fresh-reads';
import { ProjectionsService } from './projections.service';
import { PlatformController } from './platform.controller';
import { CaseReaders, CasesController } from './case-readers';
import { CommandRunner } from './command-runner';
import { ReadinessChecks } from './readiness';
import { SlaPolicyService } from './sla-policy.service';
import { SlaPolicyController } from './sla-policy.http';

/**
 * Opens the event store of the deployment (SPEC §11): PostgreSQL for `EVENTSTORE_URL=postgres://…` (schema
 * `EVENTSTORE_SCHEMA`, default `eventstore`), EventStoreDB / KurrentDB for `esdb://…`, else SQLite in DATA_DIR.
 */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  const url = config.eventStoreUrl;
  if (!url) return SqliteEventStore.open(join(config.dataDir, 'events.sqlite'));
  if (/^postgres(ql)?:\/\//.test(url)) return PostgresEventStore.open(url, { schema: config.eventStoreSchema });
  return new EventStoreDbEventStore(url);
}

/** Opens the read-model database: PostgreSQL when READMODEL_URL is set, else SQLite in DATA_DIR. */
export function openReadModels(config: AppConfig): Promise<ReadModelDb> {
  return createReadModelDb({ url: config.readModelUrl, schema: config.readModelSchema, sqlitePath: join(config.dataDir, 'readmodels.sqlite') });
}

@Global()
@Module({
  controllers: [PlatformController, CasesController, SlaPolicyController],
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig() },
    { provide: CLOCK, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createClock({ CLOCK: c.clock.mode, CLOCK_START: c.clock.start, NODE_ENV: c.production ? 'production' : undefined, dataDir: c.dataDir }) },
    { provide: EVENT_STORE, inject: [APP_CONFIG], useFactory: openEventStore },
    { provide: READ_MODEL_DB, inject: [APP_CONFIG], useFactory: openReadModels },
    { provide: IdempotencyStore, inject: [READ_MODEL_DB, PiiVault], useFactory: (rm: ReadModelDb, vault: PiiVault) => new IdempotencyStore(rm.db, vault) },
    { provide: PiiVault, inject: [READ_MODEL_DB, APP_CONFIG], useFactory: (rm: ReadModelDb, c: AppConfig) => new PiiVault(rm.db, c.piiKey) },
    Metrics,
    ProjectionsService,
    CaseReaders,
    DisclosureAuditors,
    CommandRunner,
    ReadinessChecks,
    SlaPolicyService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    { provide: APP_INTERCEPTOR, useClass: BodylessCommandInterceptor },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useClass: FreshReadsInterceptor },
  ],
  exports: [APP_CONFIG, CLOCK, EVENT_STORE, READ_MODEL_DB, ProjectionsService, Metrics, CaseReaders, DisclosureAuditors, PiiVault, CommandRunner, ReadinessChecks, SlaPolicyService],
})
export class PlatformModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly idempotency: IdempotencyStore,
    private readonly vault: PiiVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await migrateExclusively(this.readModels, async (db) => {
      await this.idempotency.migrate(db);
      await this.vault.migrate(db);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.clock.close?.();
    await this.store.close();
    await this.readModels.close();
  }
}
