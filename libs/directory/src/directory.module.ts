import { Module } from '@nestjs/common';
import { DirectoryService } from './directory.service';
import { UnitsController } from './units.http';
import { PutUnitController } from './put-unit/put-unit.http';
import { RetireUnitController } from './retire-unit/retire-unit.http';

/** 组织机构 — the units directory (SPEC §2). */
@Module({
  // Each command's route lives in its slice; the queries in units.http.ts.
  controllers: [UnitsController, PutUnitController, RetireUnitController],
  providers: [DirectoryService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
