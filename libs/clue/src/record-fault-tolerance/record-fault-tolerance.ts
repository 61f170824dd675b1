import type { Clue, FaultToleranceRecorded } from '../clue';
import { ClueDecideContext, assertExists, assertInspector, assertStatus, assertSubject } from '../clue-rules';

export type RecordFaultTolerance = { type: 'RecordFaultTolerance'; subjectIndex: number; reason: string };

/** 容错免责 — recorded once the clue has been disposed of. */
export function decideRecordFaultTolerance(command: RecordFaultTolerance, state: Clue, ctx: ClueDecideContext): FaultToleranceRecorded[] {
  assertInspector(ctx.actor);
  assertExists(state);
  assertSubject(state, command.subjectIndex);
  assertStatus(state, 'fault tolerance', ['inquiry', 'verifying', 'held', 'case_filed', 'concluded']);
  return [{ type: 'FaultToleranceRecorded', data: { id: state.id, subjectIndex: command.subjectIndex, reason: command.reason } }];
}
