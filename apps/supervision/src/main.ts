import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { CaseKindsModule, PlatformModule, bootstrapService } from '@qf/platform';
import { CASE_KIND_DEFINITIONS } from '../../case-kinds';
import { SupervisionModule } from '@qf/supervision';

/**
 * The supervision service for the production topology: deadlines, the escalation scheduler (BullMQ when REDIS_URL is
 * set), inboxes, supervision orders and the level-3 accountability clues.
 */
@Module({ imports: [PlatformModule, CaseKindsModule.register(CASE_KIND_DEFINITIONS), SupervisionModule] })
class ServiceModule {}

void bootstrapService(ServiceModule, 'Qingfeng 清风 — escalation 超期督办', 'supervision service');
