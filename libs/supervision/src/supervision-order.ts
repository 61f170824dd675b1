import { closeStage, startDeadlines, type Deadline, type DeadlineStart, type Recorded, type Aggregate } from '@qf/kernel';

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

/** 下发督办单 — a supervisor issued a supervision order about a case; every stage of its preset starts. */
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
/** 督办反馈 — the handling unit answered one stage (meets that stage's deadline). */
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
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
}

export const supervisionOrderAggregate: Aggregate<SupervisionOrder, SupervisionOrderEvent> = { initialState: initialSupervisionOrder, evolve: evolveSupervisionOrder };
