import { DynamicModule, Global, Module } from '@nestjs/common';
import { CaseKindRegistry, type CaseKindDefinition } from '@qf/contracts';
import { CASE_KINDS } from '../tokens';

/**
 * The case kinds a deployable runs with (`CaseKindsModule.register(CASE_KIND_DEFINITIONS)` in each app): supervision
 * and reporting fold every kind's streams through the registered definitions and never import a kind's lib.
 */
@Global()
@Module({})
export class CaseKindsModule {
  static register(kinds: readonly CaseKindDefinition[]): DynamicModule {
    return { module: CaseKindsModule, providers: [{ provide: CASE_KINDS, useValue: new CaseKindRegistry(kinds) }], exports: [CASE_KINDS] };
  }
}
