import { DomainError, ruleViolation } from '@qf/kernel';
import { STAGES_OF, type SupervisionOrder, type SupervisionStageAnswered } from '../supervision-order';
import { SupervisionOrderDecideContext, assertExists, assertHandlingUnit } from '../supervision-order.rules';

export type AnswerSupervisionStage = { type: 'AnswerSupervisionStage'; stage: string; content: string };

/** 督办反馈 — the handling unit answers one stage of the order's preset, once. */
export function decideAnswerSupervisionStage(command: AnswerSupervisionStage, state: SupervisionOrder, ctx: SupervisionOrderDecideContext): SupervisionStageAnswered[] {
  assertExists(state);
  assertHandlingUnit(ctx.actor, state);
  if (!STAGES_OF[state.preset].includes(command.stage)) throw ruleViolation(`preset ${state.preset} has no stage ${command.stage}`);
  if (state.answers.some((a) => a.stage === command.stage)) throw new DomainError('INVALID_TRANSITION', `answer is not allowed: stage ${command.stage} is already answered`);
  return [{ type: 'SupervisionStageAnswered', data: { id: state.id, stage: command.stage, content: command.content, unitId: state.unitId } }];
}
