import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { AuditController, CluesController } from './clues.http';
import { RegisterClueController } from './register-clue/register-clue.http';
import { DisposeClueController } from './dispose-clue/dispose-clue.http';
import { AnswerInquiryController } from './answer-inquiry/answer-inquiry.http';
import { ReportVerificationController } from './report-verification/report-verification.http';
import { FileCaseController } from './file-case/file-case.http';
import { RecordSanctionController } from './record-sanction/record-sanction.http';
import { ClearNameController } from './clear-name/clear-name.http';
import { RecordFaultToleranceController } from './record-fault-tolerance/record-fault-tolerance.http';
import { ConcludeClueController } from './conclude-clue/conclude-clue.http';
import { NotifyReporterController } from './notify-reporter/notify-reporter.http';
import { ForgetReporterController } from './forget-reporter/forget-reporter.http';
import { CluesService } from './clues.service';
import { ClueReactionsService } from './reactions/clue-reactions.service';

/** 问题线索 — the clue context (SPEC §3.3, §5, §8). */
@Module({
  imports: [DirectoryModule],
  // Each command's route lives in its slice; the queries and the audit log in clues.http.ts.
  controllers: [
    RegisterClueController,
    DisposeClueController,
    AnswerInquiryController,
    ReportVerificationController,
    FileCaseController,
    RecordSanctionController,
    ClearNameController,
    RecordFaultToleranceController,
    ConcludeClueController,
    NotifyReporterController,
    ForgetReporterController,
    CluesController,
    AuditController,
  ],
  providers: [CluesService, ClueReactionsService],
  exports: [CluesService],
})
export class ClueModule {}
