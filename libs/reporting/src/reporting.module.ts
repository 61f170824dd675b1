import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { FourFormsService, ReportsController } from './reports.http';

/** 报表 — reports projected from the case streams (SPEC §5–§7). */
@Module({
  imports: [DirectoryModule],
  controllers: [ReportsController],
  providers: [FourFormsService],
})
export class ReportingModule {}
