import { Module } from '@nestjs/common';
import { CaseKindsModule, PlatformModule } from '@qf/platform';
import { CASE_KIND_DEFINITIONS } from '../../case-kinds';
import { SupervisionModule } from '@qf/supervision';

/**
 * The supervision service for the production topology: deadlines, the escalation scheduler (BullMQ when REDIS_URL is
 * set), inboxes and supervision orders. Level 3's accountability clue is the clues service's reaction to the rung.
 */
@Module({ imports: [PlatformModule, CaseKindsModule.register(CASE_KIND_DEFINITIONS), SupervisionModule] })
export class SupervisionServiceModule {}
