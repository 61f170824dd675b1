import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { PetitionsController } from './petitions.http';
import { PetitionsService } from './petitions.service';

/** 信访件 — the petitions context (SPEC §3.2). */
@Module({
  imports: [DirectoryModule],
  controllers: [PetitionsController],
  providers: [PetitionsService],
  exports: [PetitionsService],
})
export class PetitionModule {}
