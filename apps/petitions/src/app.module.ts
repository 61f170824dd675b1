import { Module } from '@nestjs/common';
import { CaseKindsModule, PlatformModule } from '@qf/platform';
import { CASE_KIND_DEFINITIONS } from '../../case-kinds';
import { PetitionModule } from '@qf/petition';

/** The petitions service on its own, for the production topology (EventStoreDB + PostgreSQL). */
@Module({ imports: [PlatformModule, CaseKindsModule.register(CASE_KIND_DEFINITIONS), PetitionModule] })
export class PetitionsServiceModule {}
