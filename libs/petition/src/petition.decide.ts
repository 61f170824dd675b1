import { decision, type Decision } from '@qf/kernel';
import type { Petition, PetitionEvent } from './petition';
import type { PetitionDecideContext } from './petition-rules';
import { RegisterPetition, decideRegisterPetition } from './register-petition/register-petition';
import { AssignPetition, decideAssignPetition } from './assign-petition/assign-petition';
import { AcceptPetition, decideAcceptPetition } from './accept-petition/accept-petition';
import { RejectPetition, decideRejectPetition } from './reject-petition/reject-petition';
import { ExtendPetition, decideExtendPetition } from './extend-petition/extend-petition';
import { ReplyPetition, decideReplyPetition } from './reply-petition/reply-petition';
import { RequestReview, decideRequestReview } from './request-review/request-review';
import { DecideReview, decideReviewDecision } from './decide-review/decide-review';
import { RequestRecheck, decideRequestRecheck } from './request-recheck/request-recheck';
import { DecideRecheck, decideRecheckDecision } from './decide-recheck/decide-recheck';
import { ClosePetition, decideClosePetition } from './close-petition/close-petition';
import { LeadPetition, decideLeadPetition } from './lead-petition/lead-petition';
import { ReferPetition, decideReferPetition } from './refer-petition/refer-petition';

/** Every command of a petition (SPEC §3.2); each is defined in its slice. */
export type PetitionCommand =
  | RegisterPetition
  | AssignPetition
  | AcceptPetition
  | RejectPetition
  | ExtendPetition
  | ReplyPetition
  | RequestReview
  | DecideReview
  | RequestRecheck
  | DecideRecheck
  | ClosePetition
  | LeadPetition
  | ReferPetition;

/** The petition's one decide: a command and the state it meets → the events (or a domain error). */
export function decide(command: PetitionCommand, state: Petition, ctx: PetitionDecideContext): Decision<PetitionEvent> {
  switch (command.type) {
    case 'RegisterPetition':
      return decision<PetitionEvent>(decideRegisterPetition(command, state, ctx));
    case 'AssignPetition':
      return decision<PetitionEvent>(decideAssignPetition(command, state, ctx));
    case 'AcceptPetition':
      return decision<PetitionEvent>(decideAcceptPetition(command, state, ctx));
    case 'RejectPetition':
      return decision<PetitionEvent>(decideRejectPetition(command, state, ctx));
    case 'ExtendPetition':
      return decision<PetitionEvent>(decideExtendPetition(command, state, ctx));
    case 'ReplyPetition':
      return decision<PetitionEvent>(decideReplyPetition(command, state, ctx));
    case 'RequestReview':
      return decision<PetitionEvent>(decideRequestReview(command, state, ctx));
    case 'DecideReview':
      return decision<PetitionEvent>(decideReviewDecision(command, state, ctx));
    case 'RequestRecheck':
      return decision<PetitionEvent>(decideRequestRecheck(command, state, ctx));
    case 'DecideRecheck':
      return decision<PetitionEvent>(decideRecheckDecision(command, state, ctx));
    case 'ClosePetition':
      return decision<PetitionEvent>(decideClosePetition(command, state, ctx));
    case 'LeadPetition':
      return decision<PetitionEvent>(decideLeadPetition(command, state, ctx));
    case 'ReferPetition':
      return decision<PetitionEvent>(decideReferPetition(command, state, ctx));
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown petition command ${JSON.stringify(_exhaustive)}`);
    }
  }
}
