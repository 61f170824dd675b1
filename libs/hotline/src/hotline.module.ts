import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { ClueModule } from '@qf/clue';
import { WorkOrdersController } from './work-orders.http';
import { WorkOrdersService } from './work-orders.service';

/** 12345 工单 — the hotline context (SPEC §3.1). */
@Module({
  imports: [DirectoryModule, ClueModule],
  controllers: [WorkOrdersController],
  providers: [WorkOrdersService],
  exports: [WorkOrdersService],
})
export class HotlineModule {}
