import { Module } from '@nestjs/common';
import { DirectoryService } from './directory.service';
import { UnitsController } from './units.http';

/** 组织机构 — the units directory (SPEC §2). */
@Module({
  controllers: [UnitsController],
  providers: [DirectoryService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
