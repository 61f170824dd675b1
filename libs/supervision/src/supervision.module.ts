import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { EscalationsController, SupervisionOrdersController } from './supervision.http';
import { EscalationsService } from './escalations.service';
import { SupervisionOrdersService } from './supervision-orders.service';
import { SchedulerService } from './scheduler/scheduler.service';

/** 超期督办 — deadlines, the escalation ladder and its schedulers, inboxes, supervision orders (SPEC §4). */
@Module({
  imports: [DirectoryModule],
  controllers: [EscalationsController, SupervisionOrdersController],
  providers: [EscalationsService, SupervisionOrdersService, SchedulerService],
  exports: [EscalationsService, SchedulerService],
})
export class SupervisionModule {}
