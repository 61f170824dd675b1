import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { PlatformModule, bootstrapService } from '@qf/platform';
import { PetitionModule } from '@qf/petition';

/** The petitions service on its own, for the production topology (EventStoreDB + PostgreSQL). */
@Module({ imports: [PlatformModule, PetitionModule] })
class ServiceModule {}

void bootstrapService(ServiceModule, 'Qingfeng 清风 — petitions 信访件', 'petitions service');
