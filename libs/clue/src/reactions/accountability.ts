import type { ClueSubjectFact, DeadlineEscalated, EscalationAcknowledged } from '@qf/contracts';

/** What a level-3 accountability clue needs to know of the case's stream: its escalations and acknowledgements. */
export interface StreamEvent {
  type: string;
  data: unknown;
}

/**
 * 问责对象: U's head when known — whoever acknowledged level 1 of this ladder (same stage, round and due time) as U's
 * `unit_head`, by the name in their token. Nobody when level 1 was never acknowledged that way.
 */
export function knownHead(events: StreamEvent[], level3: DeadlineEscalated['data']): ClueSubjectFact[] {
  const level1 = events.find(
    (e): e is DeadlineEscalated =>
      e.type === 'DeadlineEscalated' &&
      (e as DeadlineEscalated).data.level === 1 &&
      (e as DeadlineEscalated).data.stage === level3.stage &&
      (e as DeadlineEscalated).data.round === level3.round &&
      (e as DeadlineEscalated).data.dueAt === level3.dueAt,
  );
  if (!level1) return [];
  const ack = events.find((e): e is EscalationAcknowledged => e.type === 'EscalationAcknowledged' && (e as EscalationAcknowledged).data.escalationId === level1.data.escalationId);
  const by = ack?.data.by;
  if (!by || !by.name || by.unitId !== level3.unitId || !by.roles.includes('unit_head')) return [];
  return [{ name: by.name, unitId: level3.unitId, rank: 'other', partyMember: false }];
}

const KIND_NAMES: Record<string, string> = { hotline: '12345工单', petition: '信访件', clue: '问题线索', supervision_order: '督办单' };
const STAGE_NAMES: Record<string, string> = {
  sign: '签收',
  reply: '办理反馈',
  assign: '转送交办',
  accept: '告知受理',
  handle: '办理',
  review: '复查',
  recheck: '复核',
  disposition: '处置意见',
  reporter_notice: '受理告知',
  inquiry_reply: '函询回复',
  verification: '初核',
  study: '研究部署',
  feedback: '反馈',
  effect: '见效',
  resolve: '办结',
};

/** 2026-03-17T23:59:59.999+08:00 → 2026年3月17日 (the due day in Beijing time). */
function dueDay(iso: string): string {
  const [y, m, d] = new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The accountability clue's text, in the words of a 督办 notice. */
export function accountabilityAllegations(level3: DeadlineEscalated['data'], unitName: string): string {
  const kind = KIND_NAMES[level3.caseKind] ?? level3.caseKind;
  const stage = STAGE_NAMES[level3.stage.replace(/^(13710|standard)\./, '')] ?? level3.stage;
  return `超期督办三级：${unitName}承办的${kind}${level3.caseId}，${stage}时限于${dueDay(level3.dueAt)}届满，超期七个工作日仍未办结，依规启动问责。`;
}
