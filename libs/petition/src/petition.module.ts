import { Module } from '@nestjs/common';
import { DirectoryModule } from '@qf/directory';
import { PetitionsController } from './petitions.http';
import { RegisterPetitionController } from './register-petition/register-petition.http';
import { AssignPetitionController } from './assign-petition/assign-petition.http';
import { AcceptPetitionController } from './accept-petition/accept-petition.http';
import { RejectPetitionController } from './reject-petition/reject-petition.http';
import { ExtendPetitionController } from './extend-petition/extend-petition.http';
import { ReplyPetitionController } from './reply-petition/reply-petition.http';
import { RequestReviewController } from './request-review/request-review.http';
import { DecideReviewController } from './decide-review/decide-review.http';
import { RequestRecheckController } from './request-recheck/request-recheck.http';
import { DecideRecheckController } from './decide-recheck/decide-recheck.http';
import { ClosePetitionController } from './close-petition/close-petition.http';
import { ReferPetitionController } from './refer-petition/refer-petition.http';
import { LeadPetitionController } from './lead-petition/lead-petition.http';
import { PetitionsService } from './petitions.service';

/** 信访件 — the petitions context (SPEC §3.2). */
@Module({
  imports: [DirectoryModule],
  // Each command's route lives in its slice; the queries in petitions.http.ts.
  controllers: [
    RegisterPetitionController,
    PetitionsController,
    AssignPetitionController,
    AcceptPetitionController,
    RejectPetitionController,
    ExtendPetitionController,
    ReplyPetitionController,
    RequestReviewController,
    DecideReviewController,
    RequestRecheckController,
    DecideRecheckController,
    ClosePetitionController,
    ReferPetitionController,
    LeadPetitionController,
  ],
  providers: [PetitionsService],
  exports: [PetitionsService],
})
export class PetitionModule {}
