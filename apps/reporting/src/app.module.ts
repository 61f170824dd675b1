import { Module } from '@nestjs/common';
import { CaseKindsModule, PlatformModule } from '@qf/platform';
import { CASE_KIND_DEFINITIONS } from '../../case-kinds';
import { ReportingModule } from '@qf/reporting';

/**
 * The reporting service for the production topology: clearance and campaigns, the four forms, monthly rankings with
 * their publication (a BullMQ job scheduler when REDIS_URL is set) and the exports.
 */
@Module({ imports: [PlatformModule, CaseKindsModule.register(CASE_KIND_DEFINITIONS), ReportingModule] })
export class ReportingServiceModule {}
