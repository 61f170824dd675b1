import { decision, type Decision } from '@qf/kernel';
import type { Clue, ClueEvent } from './clue';
import type { ClueDecideContext } from './clue-rules';
import { RegisterClue, decideRegisterClue } from './register-clue/register-clue';
import { DisposeClue, decideDisposeClue } from './dispose-clue/dispose-clue';
import { AnswerInquiry, decideAnswerInquiry } from './answer-inquiry/answer-inquiry';
import { ReportVerification, decideReportVerification } from './report-verification/report-verification';
import { FileCase, decideFileCase } from './file-case/file-case';
import { RecordSanction, decideRecordSanction } from './record-sanction/record-sanction';
import { ClearName, decideClearName } from './clear-name/clear-name';
import { RecordFaultTolerance, decideRecordFaultTolerance } from './record-fault-tolerance/record-fault-tolerance';
import { ConcludeClue, decideConcludeClue } from './conclude-clue/conclude-clue';
import { NotifyReporter, decideNotifyReporter } from './notify-reporter/notify-reporter';
import { ForgetReporter, decideForgetReporter } from './forget-reporter/forget-reporter';

/** Every command of a problem clue (SPEC §3.3, §5, §8); each is defined in its slice. */
export type ClueCommand =
  | RegisterClue
  | DisposeClue
  | AnswerInquiry
  | ReportVerification
  | FileCase
  | RecordSanction
  | ClearName
  | RecordFaultTolerance
  | ConcludeClue
  | NotifyReporter
  | ForgetReporter;

/** The clue's one decide: a command and the state it meets → the events (or a domain error). */
export function decide(command: ClueCommand, state: Clue, ctx: ClueDecideContext): Decision<ClueEvent> {
  switch (command.type) {
    case 'RegisterClue':
      return decision<ClueEvent>(decideRegisterClue(command, state, ctx));
    case 'DisposeClue':
      return decision<ClueEvent>(decideDisposeClue(command, state, ctx));
    case 'AnswerInquiry':
      return decision<ClueEvent>(decideAnswerInquiry(command, state, ctx));
    case 'ReportVerification':
      return decision<ClueEvent>(decideReportVerification(command, state, ctx));
    case 'FileCase':
      return decision<ClueEvent>(decideFileCase(command, state, ctx));
    case 'RecordSanction':
      return decision<ClueEvent>(decideRecordSanction(command, state, ctx));
    case 'ClearName':
      return decision<ClueEvent>(decideClearName(command, state, ctx));
    case 'RecordFaultTolerance':
      return decision<ClueEvent>(decideRecordFaultTolerance(command, state, ctx));
    case 'ConcludeClue':
      return decision<ClueEvent>(decideConcludeClue(command, state, ctx));
    case 'NotifyReporter':
      return decision<ClueEvent>(decideNotifyReporter(command, state, ctx));
    case 'ForgetReporter':
      return decision<ClueEvent>(decideForgetReporter(command, state, ctx));
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown clue command ${JSON.stringify(_exhaustive)}`);
    }
  }
}
