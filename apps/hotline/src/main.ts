import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { PlatformModule, bootstrapService } from '@qf/platform';
import { HotlineModule } from '@qf/hotline';

/** The hotline service on its own, for the production topology (EventStoreDB + PostgreSQL). */
@Module({ imports: [PlatformModule, HotlineModule] })
class ServiceModule {}

void bootstrapService(ServiceModule, 'Qingfeng 清风 — 12345 work orders', 'hotline service');
