import { CASE_STATES } from '../../../contract/schemas/inspections';
import type { Config } from '../../config';
import { addDays } from '../../lib/dates';

/**
 * The spot-check case (监督抽查) as a state machine (DOMAIN.md §1.3). Pure: given a case, an
 * action and its input, it answers the next state, the fields that change (dates, deadlines,
 * verdicts) — or the refusal with a stable code. The service stores and audits the result.
 *
 * Deadlines fixed by law are constants here (产品质量法 art. 15; SAMR Order No. 18 arts. 46–48);
 * those the law leaves open are settings passed in.
 */
// 已抽样待检验, 拒检, 拒检已警告, 合格, 不合格待告知, 异议期内, 已提出异议, 复检中, 结论确定, 责令改正中,
// 复查不合格待公告, 已公告待再次复查, 停业整顿, 结案, 吊销营业执照 — the contract's list is the one list.
export const STATES = CASE_STATES;
export type CaseState = (typeof STATES)[number];

export const ACTIONS = [
  'record_result',
  'refuse',
  'notify',
  'object',
  'decide_objection',
  'record_recheck',
  'finalize',
  'order_rectification',
  'review',
  'announce',
  'close',
  'warn_refusal',
  'suspend',
  'revoke_licence',
] as const;
export type CaseAction = (typeof ACTIONS)[number];

/** Days fixed by law. */
export const LAW = {
  objectionDays: 15, // 产品质量法 art. 15: 复检 within 15 days of receiving the result
  rectificationDays: 60, // Order 18 art. 46
  firstReviewDays: 75, // Order 18 art. 47
  secondReviewFromDays: 60, // Order 18 art. 48: from day 60 …
  secondReviewUntilDays: 90, // … to before day 90 after the announcement
} as const;

/** Days the law leaves to the department (DOMAIN.md ❌/🟡): settings with defaults. */
export interface WorkflowSettings {
  /** Notify the sampled unit and labelled producer of an unqualified result within this many days of the report. */
  notifyDays: number;
  /** Decide on an objection within this many days of its filing. */
  objectionDecisionDays: number;
  /** Warn and order a unit that refused a lawful check to correct (art. 56) within this many days of the refusal. */
  refusalActionDays: number;
}
/** The settings as configured (config.ts holds the one set of defaults, QC_INSPECTION_*_DAYS). */
export const workflowSettings = (
  c: Pick<Config, 'inspectionNotifyDays' | 'inspectionObjectionDecisionDays' | 'inspectionRefusalActionDays'>,
): WorkflowSettings => ({
  notifyDays: c.inspectionNotifyDays,
  objectionDecisionDays: c.inspectionObjectionDecisionDays,
  refusalActionDays: c.inspectionRefusalActionDays,
});

/** What the machine needs to know of a case. Dates are YYYY-MM-DD. */
export interface CaseSnapshot {
  state: CaseState;
  sampledOn: string;
  testingBodyId: string | null;
  reportOn: string | null;
  receivedOn: string | null;
  objectionUntil: string | null;
  objectionFiledOn: string | null;
  rectificationOrderedOn: string | null;
  announcedOn: string | null;
}

export type ActionInput =
  | { action: 'record_result'; on: string; testingBodyId: string; failedItems: number }
  | { action: 'refuse'; on: string }
  | { action: 'notify'; on: string; receivedOn: string }
  | { action: 'object'; on: string }
  | { action: 'decide_objection'; on: string; accept: boolean; recheckBodyId?: string }
  | { action: 'record_recheck'; on: string; failedItems: number }
  | { action: 'finalize'; on: string }
  | { action: 'order_rectification'; on: string }
  | { action: 'review'; on: string; passed: boolean }
  | { action: 'announce'; on: string }
  | { action: 'close'; on: string }
  | { action: 'warn_refusal'; on: string }
  | { action: 'suspend'; on: string }
  | { action: 'revoke_licence'; on: string };

/** Fields of the case an action sets. */
export interface CaseChanges {
  state: CaseState;
  verdict?: 'qualified' | 'unqualified';
  finalVerdict?: 'qualified' | 'unqualified';
  reportOn?: string;
  testingBodyId?: string;
  receivedOn?: string;
  objectionUntil?: string;
  objectionFiledOn?: string;
  recheckBodyId?: string;
  recheckPayer?: 'applicant' | 'department';
  rectificationOrderedOn?: string;
  rectificationDue?: string;
  firstReviewDue?: string;
  announcedOn?: string;
  secondReviewFrom?: string;
  secondReviewUntil?: string;
  closedOn?: string;
}

export class WorkflowError extends Error {
  constructor(
    readonly code: 'invalid_transition' | 'workflow_rule',
    message: string,
  ) {
    super(message);
  }
}

/** Which actions each state allows: every other pair is refused with invalid_transition. */
export const ALLOWED: Record<CaseState, readonly CaseAction[]> = {
  sampled: ['record_result', 'refuse'],
  // 产品质量法 art. 56: warning and order to correct; continued refusal → 停业整顿; especially serious → revocation.
  refused: ['warn_refusal'],
  refusal_warned: ['close', 'suspend', 'revoke_licence'],
  qualified: ['close'],
  unqualified: ['notify'],
  notified: ['object', 'finalize'],
  objected: ['decide_objection'],
  rechecking: ['record_recheck'],
  final_unqualified: ['order_rectification'],
  rectifying: ['review'],
  review_failed: ['announce'],
  announced: ['review'],
  suspended: ['review'],
  closed: [],
  licence_revoked: [],
};

const rule = (message: string) => new WorkflowError('workflow_rule', message);

/** The next state of a case and what changes, or a WorkflowError. `today` bounds dates to the past. */
export function nextState(c: CaseSnapshot, input: ActionInput, today: string): CaseChanges {
  if (!ALLOWED[c.state].includes(input.action)) {
    throw new WorkflowError('invalid_transition', `当前状态（${c.state}）不能执行“${input.action}”`);
  }
  if (input.on > today) throw rule('日期不能晚于今天');
  if (input.on < c.sampledOn) throw rule('日期不能早于抽样日期');
  switch (input.action) {
    case 'record_result':
      return input.failedItems > 0
        ? { state: 'unqualified', verdict: 'unqualified', reportOn: input.on, testingBodyId: input.testingBodyId }
        : { state: 'qualified', verdict: 'qualified', finalVerdict: 'qualified', reportOn: input.on, testingBodyId: input.testingBodyId };
    case 'refuse':
      return { state: 'refused' };
    case 'notify':
      if (input.receivedOn < input.on) throw rule('收到日期不能早于告知日期');
      if (input.receivedOn > today) throw rule('收到日期不能晚于今天');
      if (c.reportOn && input.on < c.reportOn) throw rule('告知日期不能早于检验报告日期');
      // The objection window runs from receipt of the result (产品质量法 art. 15).
      return { state: 'notified', receivedOn: input.receivedOn, objectionUntil: addDays(input.receivedOn, LAW.objectionDays) };
    case 'object':
      if (!c.objectionUntil || input.on > c.objectionUntil)
        throw rule(`异议须在收到检验结果之日起 ${LAW.objectionDays} 日内提出（截至 ${c.objectionUntil}）`);
      return { state: 'objected', objectionFiledOn: input.on };
    case 'decide_objection':
      if (!input.accept) return { state: 'final_unqualified', finalVerdict: 'unqualified' };
      if (!input.recheckBodyId) throw rule('受理异议须指定复检机构');
      // 复检 is in principle not done by the laboratory that made the first test.
      if (input.recheckBodyId === c.testingBodyId) throw rule('复检机构不能是初检机构');
      return { state: 'rechecking', recheckBodyId: input.recheckBodyId };
    case 'record_recheck':
      // The re-test is final; who pays follows whether it agrees with the first result.
      return input.failedItems > 0
        ? { state: 'final_unqualified', finalVerdict: 'unqualified', recheckPayer: 'applicant' }
        : { state: 'qualified', verdict: 'qualified', finalVerdict: 'qualified', recheckPayer: 'department' };
    case 'finalize':
      if (!c.objectionUntil || input.on <= c.objectionUntil) throw rule(`异议期至 ${c.objectionUntil} 届满后方可确定结论`);
      return { state: 'final_unqualified', finalVerdict: 'unqualified' };
    case 'order_rectification':
      return {
        state: 'rectifying',
        rectificationOrderedOn: input.on,
        rectificationDue: addDays(input.on, LAW.rectificationDays),
        firstReviewDue: addDays(input.on, LAW.firstReviewDays),
      };
    case 'announce':
      return {
        state: 'announced',
        announcedOn: input.on,
        secondReviewFrom: addDays(input.on, LAW.secondReviewFromDays),
        secondReviewUntil: addDays(input.on, LAW.secondReviewUntilDays),
      };
    case 'review':
      return review(c, input.on, input.passed);
    case 'close':
      return { state: 'closed', closedOn: input.on };
    case 'warn_refusal':
      return { state: 'refusal_warned' };
    case 'suspend':
      return { state: 'suspended' };
    case 'revoke_licence':
      return { state: 'licence_revoked', closedOn: input.on };
  }
}

function review(c: CaseSnapshot, on: string, passed: boolean): CaseChanges {
  if (c.state === 'rectifying') {
    if (c.rectificationOrderedOn && on < c.rectificationOrderedOn) throw rule('复查日期不能早于责令改正日期');
    return passed ? { state: 'closed', closedOn: on } : { state: 'review_failed' };
  }
  if (c.state === 'announced') {
    // Order 18 art. 48: the second review falls from day 60 to before day 90 after the announcement.
    const from = addDays(c.announcedOn!, LAW.secondReviewFromDays);
    const until = addDays(c.announcedOn!, LAW.secondReviewUntilDays);
    if (on < from || on >= until) throw rule(`第二次复查应在公告之日起第 60 日至第 90 日前进行（${from} 至 ${until} 前）`);
    return passed ? { state: 'closed', closedOn: on } : { state: 'suspended' };
  }
  // After 停业整顿 (产品质量法 art. 17): pass reopens, failure ends in revocation.
  return passed ? { state: 'closed', closedOn: on } : { state: 'licence_revoked', closedOn: on };
}

/** What is due on a case and by when, for the deadline board. */
export interface Due {
  kind: 'refusal' | 'notify' | 'objection_decision' | 'finalize' | 'rectification' | 'first_review' | 'second_review' | 'announce';
  from?: string;
  by: string;
}

export function dueItems(
  c: CaseSnapshot & { rectificationDue: string | null; firstReviewDue: string | null },
  settings: WorkflowSettings,
): Due[] {
  switch (c.state) {
    case 'refused':
      // A refusal happens at the sampling visit: its date is the sampling date.
      return [{ kind: 'refusal', by: addDays(c.sampledOn, settings.refusalActionDays) }];
    case 'unqualified':
      return c.reportOn ? [{ kind: 'notify', by: addDays(c.reportOn, settings.notifyDays) }] : [];
    case 'notified':
      return c.objectionUntil ? [{ kind: 'finalize', from: addDays(c.objectionUntil, 1), by: addDays(c.objectionUntil, 1) }] : [];
    case 'objected':
      return c.objectionFiledOn ? [{ kind: 'objection_decision', by: addDays(c.objectionFiledOn, settings.objectionDecisionDays) }] : [];
    case 'rectifying':
      return [
        ...(c.rectificationDue ? [{ kind: 'rectification' as const, by: c.rectificationDue }] : []),
        ...(c.firstReviewDue ? [{ kind: 'first_review' as const, by: c.firstReviewDue }] : []),
      ];
    case 'announced':
      return c.announcedOn
        ? [
            {
              kind: 'second_review',
              from: addDays(c.announcedOn, LAW.secondReviewFromDays),
              by: addDays(c.announcedOn, LAW.secondReviewUntilDays - 1),
            },
          ]
        : [];
    default:
      return [];
  }
}
