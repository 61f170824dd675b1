import { Module } from '@nestjs/common';
import { CaseKindsModule, PlatformModule } from '@qf/platform';
import { CASE_KIND_DEFINITIONS } from '../../case-kinds';
import { HotlineModule } from '@qf/hotline';
import { OutboxModule } from '@qf/integration';

/**
 * The hotline service on its own, for the production topology: the work orders, the centre's inbound push and the
 * outbox it pulls (with Kafka, the relay; a single relay is active at a time, fenced by its transactional id).
 */
@Module({ imports: [PlatformModule, CaseKindsModule.register(CASE_KIND_DEFINITIONS), HotlineModule, OutboxModule] })
export class HotlineServiceModule {}
