import { ruleViolation, withShanghaiOffset } from '@qf/kernel';
import type { Clue, SanctionRecorded } from '../clue';
import { ClueDecideContext, assertExists, assertInspector, assertSubject } from '../clue-rules';
import { Form, measureBelongsTo } from './four-forms';

export type RecordSanction = { type: 'RecordSanction'; subjectIndex: number; form: Form; measure: string; decidedAt: string; basis: string };

/**
 * 运用四种形态处置 — once the clue is filed as a case (and still after the case is concluded: 处分 is often decided at
 * 结案); form-1 measures also after an inquiry reply or a verification finding. The measure must belong to the form.
 * `decidedAt` without an offset is Asia/Shanghai time (a bare date: that day's start), stored with the offset, so the
 * month it counts in does not depend on the server's time zone.
 */
export function decideRecordSanction(command: RecordSanction, state: Clue, ctx: ClueDecideContext): SanctionRecorded[] {
  assertInspector(ctx.actor);
  assertExists(state);
  assertSubject(state, command.subjectIndex);
  if (!measureBelongsTo(command.form, command.measure)) throw ruleViolation(`measure ${command.measure} does not belong to form ${command.form}`);
  const formOneAllowed = command.form === 1 && (state.inquiry !== null || state.verification !== null);
  if (state.caseFiled === null && !formOneAllowed) {
    throw ruleViolation('a disposition of a person needs a filed case (form 1: also an inquiry reply or a verification finding)');
  }
  const decidedAt = withShanghaiOffset(command.decidedAt);
  if (!decidedAt) throw ruleViolation('decidedAt is not an ISO 8601 time');
  if (Date.parse(decidedAt) > ctx.now.getTime()) throw ruleViolation('decidedAt may not be in the future');
  return [
    {
      type: 'SanctionRecorded',
      data: { id: state.id, subjectIndex: command.subjectIndex, subjectUnitId: state.subjects[command.subjectIndex].unitId, form: command.form, measure: command.measure, decidedAt, basis: command.basis },
    },
  ];
}
