import { Module } from '@nestjs/common';
import { CaseKindsModule, PlatformModule } from '@qf/platform';
import { CASE_KIND_DEFINITIONS } from '../../case-kinds';
import { DirectoryModule } from '@qf/directory';
import { HotlineModule } from '@qf/hotline';
import { PetitionModule } from '@qf/petition';
import { ClueModule } from '@qf/clue';
import { ReportingModule } from '@qf/reporting';
import { SupervisionModule } from '@qf/supervision';
import { OutboxModule } from '@qf/integration';

/** Every context in one process on the embedded default (SQLite, in-process scheduler and bus). */
@Module({
  imports: [PlatformModule, CaseKindsModule.register(CASE_KIND_DEFINITIONS), DirectoryModule, HotlineModule, PetitionModule, ClueModule, ReportingModule, SupervisionModule, OutboxModule],
})
export class StandaloneModule {}
