import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { AuditController, CluesController } from './clues.http';
import { CluesService } from './clues.service';
import { ClueReactionsService } from './reactions/clue-reactions.service';

/** 问题线索 — the clue context (SPEC §3.3, §5, §8). */
@Module({
  imports: [DirectoryModule],
  controllers: [CluesController, AuditController],
  providers: [CluesService, ClueReactionsService],
  exports: [CluesService],
})
export class ClueModule {}
