import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { CaseKindsModule, PlatformModule, bootstrapService } from '@qf/platform';
import { CASE_KIND_DEFINITIONS } from '../../case-kinds';
import { PetitionModule } from '@qf/petition';

/** The petitions service on its own, for the production topology (EventStoreDB + PostgreSQL). */
@Module({ imports: [PlatformModule, CaseKindsModule.register(CASE_KIND_DEFINITIONS), PetitionModule] })
class ServiceModule {}

void bootstrapService(ServiceModule, 'Qingfeng 清风 — petitions 信访件', 'petitions service');
