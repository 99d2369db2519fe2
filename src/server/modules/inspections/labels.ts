import type { CASE_PLACES, CASE_STATES, CHECK_TYPES, PLAN_LEVELS } from '../../../contract/schemas/inspections';
import type { Due } from './workflow';

/** Chinese names the exports and printed documents use (the console has its own, in its i18n files). */
export const STATE_NAMES: Record<(typeof CASE_STATES)[number], string> = {
  sampled: '已抽样，待检验',
  refused: '拒检',
  refusal_warned: '拒检，已警告并责令改正',
  qualified: '合格',
  unqualified: '不合格，待告知',
  notified: '已告知，异议期内',
  objected: '已提出异议',
  rechecking: '复检中',
  final_unqualified: '不合格（结论确定）',
  rectifying: '责令改正中',
  review_failed: '复查不合格，待公告',
  announced: '已公告，待再次复查',
  suspended: '停业整顿',
  closed: '结案',
  licence_revoked: '吊销营业执照',
};
export const LEVEL_NAMES: Record<(typeof PLAN_LEVELS)[number], string> = {
  national: '国家',
  provincial: '省级',
  city: '市级',
  county: '县级',
};
export const PLACE_NAMES: Record<(typeof CASE_PLACES)[number], string> = {
  production: '生产环节',
  circulation: '流通环节',
  catering: '餐饮环节',
  online: '电商',
  unknown: '未注明',
};
export const CHECK_TYPE_NAMES: Record<(typeof CHECK_TYPES)[number], string> = {
  routine: '常规抽查',
  tracking: '跟踪抽查',
  emergency: '突发事件抽查',
};
export const DUE_NAMES: Record<Due['kind'], string> = {
  refusal: '依法处理拒检（警告并责令改正）',
  notify: '告知检验结果',
  objection_decision: '处理异议',
  finalize: '异议期满后确定结论',
  rectification: '改正期限',
  first_review: '第一次复查',
  second_review: '第二次复查',
  announce: '上报公告',
};
export const VERDICT_NAMES: Record<string, string> = { qualified: '合格', unqualified: '不合格' };
export const PRODUCT_FLAG_NAMES: Record<string, string> = { yes: '是', no: '否', unlinked: '未关联档案产品' };

/** A name from one of the maps above, or the key itself when it has none. */
export const nameOf = (names: Record<string, string>, key: string | null) => (key === null ? '' : (names[key] ?? key));
