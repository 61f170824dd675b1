import { DomainError } from '@qf/kernel';
import type { Preset, SupervisedKind, SupervisionOrder, SupervisionOrderIssued } from '../supervision-order';
import { SupervisionOrderDecideContext, assertSupervisor, planStages } from '../supervision-order.rules';

export type IssueSupervisionOrder = {
  type: 'IssueSupervisionOrder';
  /** The order's id (DB + date + sequence), allocated by the service. */
  id: string;
  caseKind: SupervisedKind;
  caseId: string;
  requirement: string;
  preset: Preset;
  /** The unit handling the supervised case now (from the case's facts): it answers the order. */
  caseUnitId: string;
};

/** 下发督办单 — by a supervisor, once per id; every stage of the preset starts now. */
export function decideIssueSupervisionOrder(command: IssueSupervisionOrder, state: SupervisionOrder, ctx: SupervisionOrderDecideContext): SupervisionOrderIssued[] {
  assertSupervisor(ctx.actor);
  if (state.exists) throw new DomainError('DUPLICATE', `supervision order ${command.id} already exists`);
  return [
    {
      type: 'SupervisionOrderIssued',
      data: {
        id: command.id,
        caseKind: command.caseKind,
        caseId: command.caseId,
        requirement: command.requirement,
        preset: command.preset,
        unitId: command.caseUnitId,
        issuedBy: { sub: ctx.actor.sub, unitId: ctx.actor.unitId },
        deadlines: planStages(ctx.policy, command.preset, ctx.now),
      },
    },
  ];
}
