import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { EscalationsController, SupervisionOrdersController } from './supervision.http';
import { IssueSupervisionOrderController } from './issue-supervision-order/issue-supervision-order.http';
import { AnswerSupervisionStageController } from './answer-supervision-stage/answer-supervision-stage.http';
import { AcknowledgeEscalationController } from './acknowledge-escalation/acknowledge-escalation.http';
import { DeadlinesService } from './deadlines.service';
import { EscalationInboxService } from './inbox.service';
import { EscalationCommandsService } from './escalation-commands.service';
import { SupervisionOrdersService } from './supervision-orders.service';
import { SchedulerService } from './scheduler/scheduler.service';

/** 超期督办 — deadlines, the escalation ladder and its schedulers, inboxes, supervision orders (SPEC §4). */
@Module({
  imports: [DirectoryModule],
  // Each command's route lives in its slice (FireEscalations has none: the schedulers send it); the queries in
  // supervision.http.ts. Listed in the order the routes have always appeared in (the OpenAPI document).
  controllers: [
    EscalationsController,
    AcknowledgeEscalationController,
    IssueSupervisionOrderController,
    SupervisionOrdersController,
    AnswerSupervisionStageController,
  ],
  // The deadline read model registers before the escalations read model (the order /health/ready lists them in).
  providers: [DeadlinesService, EscalationInboxService, EscalationCommandsService, SupervisionOrdersService, SchedulerService],
  exports: [DeadlinesService, EscalationInboxService, EscalationCommandsService, SchedulerService],
})
export class SupervisionModule {}
