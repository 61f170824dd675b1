import {
  DomainError,
  closeStage,
  dueAt,
  formatShanghai,
  limitFor,
  startDeadlines,
  warnAt,
  type Actor,
  type Deadline,
  type DeadlineStart,
  type Recorded,
  type SlaPolicy,
} from '@qf/platform';

/**
 * 督办单 — a supervision order a supervisor issues about a case: a requirement and its own time limits. Preset
 * `13710` (1 day to study, 3 to report back, 7 to show effect, 10 to resolve — calendar days) or `standard`
 * (feedback in 7, resolution in 15 working days). The handling unit answers each stage; the ladder of SPEC §4
 * runs on each stage like on any other deadline.
 */
export const PRESETS = ['13710', 'standard'] as const;
export type Preset = (typeof PRESETS)[number];
export const SUPERVISED_KINDS = ['hotline', 'petition'] as const;
export type SupervisedKind = (typeof SUPERVISED_KINDS)[number];

/** study 研究部署, feedback 反馈, effect 见效, resolve 解决. */
export const STAGES_OF: Record<Preset, string[]> = { '13710': ['study', 'feedback', 'effect', 'resolve'], standard: ['feedback', 'resolve'] };
export const SUPERVISION_STAGES = ['study', 'feedback', 'effect', 'resolve'] as const;

export type SupervisionOrderIssued = {
  type: 'SupervisionOrderIssued';
  data: {
    id: string;
    caseKind: SupervisedKind;
    caseId: string;
    requirement: string;
    preset: Preset;
    /** The unit handling the supervised case when the order was issued: it answers the order. */
    unitId: string;
    issuedBy: { sub: string; unitId: string | null };
    deadlines: DeadlineStart[];
  };
};
export type SupervisionStageAnswered = { type: 'SupervisionStageAnswered'; data: { id: string; stage: string; content: string; unitId: string } };
export type SupervisionOrderEvent = SupervisionOrderIssued | SupervisionStageAnswered;

export interface SupervisionOrder {
  exists: boolean;
  id: string;
  caseKind: SupervisedKind;
  caseId: string;
  requirement: string;
  preset: Preset;
  unitId: string;
  issuedBy: { sub: string; unitId: string | null };
  issuedAt: string;
  status: 'open' | 'completed';
  answers: Array<{ stage: string; content: string; answeredAt: string }>;
  deadlines: Deadline[];
}

export const initialSupervisionOrder = (): SupervisionOrder => ({
  exists: false,
  id: '',
  caseKind: 'hotline',
  caseId: '',
  requirement: '',
  preset: '13710',
  unitId: '',
  issuedBy: { sub: '', unitId: null },
  issuedAt: '',
  status: 'open',
  answers: [],
  deadlines: [],
});

export const SUPERVISION_STREAM_PREFIX = 'supervision-';
export const supervisionStream = (id: string) => `${SUPERVISION_STREAM_PREFIX}${id}`;

export function evolveSupervisionOrder(state: SupervisionOrder, event: Recorded<SupervisionOrderEvent>): SupervisionOrder {
  switch (event.type) {
    case 'SupervisionOrderIssued': {
      const { deadlines, ...data } = event.data;
      return { ...initialSupervisionOrder(), ...data, exists: true, issuedAt: event.occurredAt, deadlines: startDeadlines([], deadlines, 1) };
    }
    case 'SupervisionStageAnswered': {
      const deadlines = closeStage(state.deadlines, event.data.stage, 'met', event.occurredAt);
      const answers = [...state.answers, { stage: event.data.stage, content: event.data.content, answeredAt: event.occurredAt }];
      return { ...state, deadlines, answers, status: deadlines.every((d) => d.state !== 'pending') ? 'completed' : 'open' };
    }
    default:
      return state;
  }
}

export const supervisionOrderAggregate = { initialState: initialSupervisionOrder, evolve: evolveSupervisionOrder };

export interface IssueSupervisionOrder {
  id: string;
  caseKind: SupervisedKind;
  caseId: string;
  requirement: string;
  preset: Preset;
  caseUnitId: string;
}

/** 下发督办单: every stage of the preset starts now. */
export function decideIssue(command: IssueSupervisionOrder, state: SupervisionOrder, ctx: { actor: Actor; now: Date; policy: SlaPolicy }): SupervisionOrderIssued[] {
  if (state.exists) throw new DomainError('DUPLICATE', `supervision order ${command.id} already exists`);
  const deadlines = STAGES_OF[command.preset].map((stage) => {
    const due = dueAt(ctx.now, limitFor(ctx.policy, 'supervision_order', `${command.preset}.${stage}`));
    return { stage, startedAt: formatShanghai(ctx.now), dueAt: formatShanghai(due), warnAt: formatShanghai(warnAt(ctx.now, due)) };
  });
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
        deadlines,
      },
    },
  ];
}

/** 督办反馈 — the handling unit answers one stage of the order, once. */
export function decideAnswer(command: { stage: string; content: string }, state: SupervisionOrder): SupervisionStageAnswered[] {
  if (!state.exists) throw new DomainError('NOT_FOUND', 'supervision order not found');
  if (!STAGES_OF[state.preset].includes(command.stage)) throw new DomainError('RULE_VIOLATION', `preset ${state.preset} has no stage ${command.stage}`);
  if (state.answers.some((a) => a.stage === command.stage)) throw new DomainError('INVALID_TRANSITION', `answer is not allowed: stage ${command.stage} is already answered`);
  return [{ type: 'SupervisionStageAnswered', data: { id: state.id, stage: command.stage, content: command.content, unitId: state.unitId } }];
}
