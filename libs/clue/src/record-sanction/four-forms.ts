/**
 * 四种形态 — the measures of each form (SPEC §5). A measure belongs to exactly one form.
 * 1: 批评教育, 谈话提醒, 责令检查, 诫勉, 函询了结
 * 2: 警告, 严重警告, 政务警告, 记过, 记大过, 降级, 组织调整
 * 3: 撤销党内职务, 留党察看, 开除党籍, 撤职, 开除, 重大职务调整
 * 4: 严重违纪涉嫌违法立案审查并移送司法
 */
export const MEASURES_BY_FORM = {
  1: ['criticism_education', 'talk_reminder', 'ordered_self_examination', 'admonishment', 'inquiry_closure'],
  2: ['party_warning', 'party_serious_warning', 'gov_warning', 'gov_demerit', 'gov_major_demerit', 'gov_demotion', 'organizational_adjustment'],
  3: ['removal_from_party_post', 'probation_within_party', 'expulsion_from_party', 'gov_dismissal_from_post', 'gov_expulsion', 'major_post_adjustment'],
  4: ['transfer_to_prosecution'],
} as const;

export type Form = keyof typeof MEASURES_BY_FORM;
export const ALL_MEASURES: string[] = Object.values(MEASURES_BY_FORM).flat();

export const measureBelongsTo = (form: Form, measure: string) => (MEASURES_BY_FORM[form] as readonly string[]).includes(measure);
