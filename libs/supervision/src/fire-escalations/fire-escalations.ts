import { planLadder } from '../escalation-ladder';
import { escalationIdOf, firedLevels, type DeadlineEscalated, type DeadlineRef, type Escalatable } from '../escalation';
import type { EscalationDecideContext } from '../escalation.rules';

/** The scheduler's command: fire whatever is due of one deadline's ladder (no route: the schedulers send it). */
export type FireEscalations = { type: 'FireEscalations'; deadline: DeadlineRef };

/**
 * 超期督办 — fire whatever rungs of one deadline's ladder are due at `now` and not fired yet, in ladder order. Nothing
 * for a deadline that is met, cancelled or gone; a clock that jumped past several rungs fires each of them once.
 */
export function decideFireEscalations(command: FireEscalations, state: Escalatable<unknown>, ctx: EscalationDecideContext): DeadlineEscalated[] {
  const ref = command.deadline;
  const { kind, now } = ctx;
  const facts = kind.facts(state.inner);
  const fired = state.fired;
  if (!facts.exists) return [];
  const deadline = facts.deadlines.find((d) => d.stage === ref.stage && d.round === ref.round && d.state === 'pending');
  if (!deadline) return [];
  const plan = planLadder(
    { stage: ref.stage, caseUnitId: facts.unitId, dueAt: deadline.dueAt, warnAt: deadline.warnAt, responsible: kind.escalation.responsible(ref.stage), topLevel: kind.escalation.topLevel },
    ctx.ladder(),
  );
  const unitId = plan[1].targetUnitId;
  const done = firedLevels(ref, fired);
  return plan
    .filter((step) => Date.parse(step.fireAt) <= now.getTime() && !done.has(step.level))
    .map((step) => ({ step, escalationId: escalationIdOf(ref, deadline.dueAt, step.level) }))
    .map(({ step, escalationId }) => ({
      type: 'DeadlineEscalated' as const,
      data: {
        escalationId,
        caseKind: ref.kind,
        caseId: ref.caseId,
        stage: ref.stage,
        round: ref.round,
        level: step.level,
        dueAt: deadline.dueAt,
        fireAt: step.fireAt,
        unitId,
        targetUnitId: step.targetUnitId,
        targetRole: step.targetRole,
      },
    }));
}
