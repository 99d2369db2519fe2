import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import {
  ACTIONS,
  ALLOWED,
  dueItems,
  nextState,
  STATES,
  WorkflowError,
  workflowSettings,
  type ActionInput,
  type CaseAction,
  type CaseSnapshot,
  type CaseState,
} from './workflow';

/** The settings production reads, from config.ts's defaults (no environment): a changed default is noticed here. */
const DEFAULT_SETTINGS = workflowSettings(loadConfig({}));

const TODAY = '2026-11-25';
const base: CaseSnapshot = {
  state: 'sampled',
  sampledOn: '2024-01-10',
  testingBodyId: 'lab-1',
  reportOn: '2024-02-01',
  receivedOn: '2024-02-05',
  objectionUntil: '2024-02-20',
  objectionFiledOn: '2024-02-10',
  rectificationOrderedOn: '2024-03-01',
  announcedOn: '2025-11-15',
};
/** An input each action accepts in the state that allows it (for the transition table). */
const VALID: Record<CaseAction, ActionInput> = {
  record_result: { action: 'record_result', on: '2024-02-01', testingBodyId: 'lab-1', failedItems: 1 },
  refuse: { action: 'refuse', on: '2024-01-10' },
  notify: { action: 'notify', on: '2024-02-03', receivedOn: '2024-02-05' },
  object: { action: 'object', on: '2024-02-10' },
  decide_objection: { action: 'decide_objection', on: '2024-02-12', accept: true, recheckBodyId: 'lab-2' },
  record_recheck: { action: 'record_recheck', on: '2024-02-28', failedItems: 1 },
  finalize: { action: 'finalize', on: '2024-02-21' },
  order_rectification: { action: 'order_rectification', on: '2024-03-01' },
  review: { action: 'review', on: '2026-01-20', passed: true },
  announce: { action: 'announce', on: '2025-11-15' },
  close: { action: 'close', on: '2024-03-01' },
  warn_refusal: { action: 'warn_refusal', on: '2024-01-20' },
  suspend: { action: 'suspend', on: '2024-03-01' },
  revoke_licence: { action: 'revoke_licence', on: '2024-06-01' },
};
const run = (state: CaseState, input: ActionInput, c: Partial<CaseSnapshot> = {}) => nextState({ ...base, ...c, state }, input, TODAY);
const refusal = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof WorkflowError) return err.code;
    throw err;
  }
};

describe('the spot-check case state machine', () => {
  const pairs = STATES.flatMap((s) => ACTIONS.map((a) => [s, a] as const));
  it.each(pairs)('%s + %s: allowed exactly where the table says', (state, action) => {
    const code = refusal(() => run(state, VALID[action]));
    if (ALLOWED[state].includes(action)) expect(code).toBeNull();
    else expect(code).toBe('invalid_transition');
  });

  it('the ordinary unqualified path, with the statutory deadlines', () => {
    expect(run('sampled', { action: 'record_result', on: '2024-02-01', testingBodyId: 'lab-1', failedItems: 2 })).toEqual({
      state: 'unqualified',
      verdict: 'unqualified',
      reportOn: '2024-02-01',
      testingBodyId: 'lab-1',
    });
    expect(run('sampled', { action: 'record_result', on: '2024-02-01', testingBodyId: 'lab-1', failedItems: 0 })).toMatchObject({
      state: 'qualified',
      finalVerdict: 'qualified',
    });
    // 15 days from receipt across a year end: 20 Dec + 15 = 4 Jan.
    expect(run('unqualified', { action: 'notify', on: '2024-12-18', receivedOn: '2024-12-20' }, { reportOn: '2024-12-10' })).toEqual({
      state: 'notified',
      receivedOn: '2024-12-20',
      objectionUntil: '2025-01-04',
    });
    // Correction in 60 days, first review in 75, from 30 Nov: 29 Jan and 13 Feb.
    expect(run('final_unqualified', { action: 'order_rectification', on: '2024-11-30' })).toEqual({
      state: 'rectifying',
      rectificationOrderedOn: '2024-11-30',
      rectificationDue: '2025-01-29',
      firstReviewDue: '2025-02-13',
    });
    // From a leap day: 29 Feb + 60 = 29 Apr, + 75 = 14 May.
    expect(run('final_unqualified', { action: 'order_rectification', on: '2024-02-29' })).toMatchObject({
      rectificationDue: '2024-04-29',
      firstReviewDue: '2024-05-14',
    });
    // Second review from day 60 to before day 90 after an announcement of 15 Nov 2025: 14 Jan – 13 Feb 2026.
    expect(run('review_failed', { action: 'announce', on: '2025-11-15' })).toEqual({
      state: 'announced',
      announcedOn: '2025-11-15',
      secondReviewFrom: '2026-01-14',
      secondReviewUntil: '2026-02-13',
    });
    expect(run('rectifying', { action: 'review', on: '2024-05-01', passed: false })).toEqual({ state: 'review_failed' });
    expect(run('announced', { action: 'review', on: '2026-01-14', passed: false })).toEqual({ state: 'suspended' });
    expect(run('suspended', { action: 'review', on: '2026-05-01', passed: false }, { announcedOn: '2025-11-15' })).toEqual({
      state: 'licence_revoked',
      closedOn: '2026-05-01',
    });
    expect(run('suspended', { action: 'review', on: '2026-05-01', passed: true })).toEqual({ state: 'closed', closedOn: '2026-05-01' });
  });

  it('a refusal follows art. 56: warning and order to correct, then 停业整顿 or revocation', () => {
    expect(run('sampled', { action: 'refuse', on: '2024-01-10' })).toEqual({ state: 'refused' });
    expect(run('refused', { action: 'warn_refusal', on: '2024-01-20' })).toEqual({ state: 'refusal_warned' });
    expect(run('refusal_warned', { action: 'close', on: '2024-02-01' })).toEqual({ state: 'closed', closedOn: '2024-02-01' });
    expect(run('refusal_warned', { action: 'suspend', on: '2024-02-01' })).toEqual({ state: 'suspended' });
    expect(run('refusal_warned', { action: 'revoke_licence', on: '2024-02-01' })).toEqual({
      state: 'licence_revoked',
      closedOn: '2024-02-01',
    });
    // After 停业整顿 the review decides: corrected → closed, not → revoked.
    expect(run('suspended', { action: 'review', on: '2024-04-01', passed: false })).toEqual({
      state: 'licence_revoked',
      closedOn: '2024-04-01',
    });
    expect(refusal(() => run('refused', { action: 'warn_refusal', on: '2024-01-09' }))).toBe('workflow_rule');
  });

  it('objections: within the window only; a re-test by another body is final and decides who pays', () => {
    const window = { objectionUntil: '2025-01-04' };
    expect(run('notified', { action: 'object', on: '2025-01-04' }, window)).toEqual({ state: 'objected', objectionFiledOn: '2025-01-04' });
    expect(refusal(() => run('notified', { action: 'object', on: '2025-01-05' }, window))).toBe('workflow_rule');
    expect(refusal(() => run('objected', { action: 'decide_objection', on: '2025-01-06', accept: true, recheckBodyId: 'lab-1' }))).toBe(
      'workflow_rule',
    );
    expect(refusal(() => run('objected', { action: 'decide_objection', on: '2025-01-06', accept: true }))).toBe('workflow_rule');
    expect(run('objected', { action: 'decide_objection', on: '2025-01-06', accept: false })).toEqual({
      state: 'final_unqualified',
      finalVerdict: 'unqualified',
    });
    expect(run('rechecking', { action: 'record_recheck', on: '2025-01-20', failedItems: 1 })).toEqual({
      state: 'final_unqualified',
      finalVerdict: 'unqualified',
      recheckPayer: 'applicant',
    });
    expect(run('rechecking', { action: 'record_recheck', on: '2025-01-20', failedItems: 0 })).toEqual({
      state: 'qualified',
      verdict: 'qualified',
      finalVerdict: 'qualified',
      recheckPayer: 'department',
    });
  });

  it('the finding becomes final only after the window has closed', () => {
    const window = { objectionUntil: '2025-01-04' };
    expect(refusal(() => run('notified', { action: 'finalize', on: '2025-01-04' }, window))).toBe('workflow_rule');
    expect(run('notified', { action: 'finalize', on: '2025-01-05' }, window)).toEqual({
      state: 'final_unqualified',
      finalVerdict: 'unqualified',
    });
  });

  it('the second review must fall in its window; dates may not be in the future or before sampling', () => {
    expect(refusal(() => run('announced', { action: 'review', on: '2026-01-13', passed: true }))).toBe('workflow_rule');
    expect(refusal(() => run('announced', { action: 'review', on: '2026-02-13', passed: true }))).toBe('workflow_rule');
    expect(run('announced', { action: 'review', on: '2026-02-12', passed: true })).toEqual({ state: 'closed', closedOn: '2026-02-12' });
    expect(refusal(() => run('sampled', { action: 'refuse', on: '2026-11-26' }))).toBe('workflow_rule');
    expect(refusal(() => run('sampled', { action: 'refuse', on: '2024-01-09' }))).toBe('workflow_rule');
    expect(refusal(() => run('unqualified', { action: 'notify', on: '2024-02-06', receivedOn: '2024-02-05' }))).toBe('workflow_rule');
  });

  it('the deadline board: what is due on a case and by when', () => {
    const c = { ...base, rectificationDue: '2025-01-29', firstReviewDue: '2025-02-13' };
    expect(dueItems({ ...c, state: 'unqualified', reportOn: '2024-12-29' }, DEFAULT_SETTINGS)).toEqual([
      { kind: 'notify', by: '2025-01-03' },
    ]);
    expect(dueItems({ ...c, state: 'notified', objectionUntil: '2025-01-04' }, DEFAULT_SETTINGS)).toEqual([
      { kind: 'finalize', from: '2025-01-05', by: '2025-01-05' },
    ]);
    // An objection filed on 27 Feb 2025 is decided within the default 3 days: by 2 Mar (2025 is no leap year).
    expect(dueItems({ ...c, state: 'objected', objectionFiledOn: '2025-02-27' }, DEFAULT_SETTINGS)).toEqual([
      { kind: 'objection_decision', by: '2025-03-02' },
    ]);
    // Set otherwise (QC_INSPECTION_OBJECTION_DECISION_DAYS=10), the deadline moves with it: by 9 Mar.
    expect(
      dueItems(
        { ...c, state: 'objected', objectionFiledOn: '2025-02-27' },
        workflowSettings(loadConfig({ QC_INSPECTION_OBJECTION_DECISION_DAYS: '10' })),
      ),
    ).toEqual([{ kind: 'objection_decision', by: '2025-03-09' }]);
    expect(dueItems({ ...c, state: 'rectifying' }, DEFAULT_SETTINGS)).toEqual([
      { kind: 'rectification', by: '2025-01-29' },
      { kind: 'first_review', by: '2025-02-13' },
    ]);
    expect(dueItems({ ...c, state: 'announced', announcedOn: '2025-11-15' }, DEFAULT_SETTINGS)).toEqual([
      { kind: 'second_review', from: '2026-01-14', by: '2026-02-12' },
    ]);
    // A refusal on 20 Dec 2024 is to be dealt with in 15 days: by 4 Jan 2025.
    expect(dueItems({ ...c, state: 'refused', sampledOn: '2024-12-20' }, DEFAULT_SETTINGS)).toEqual([
      { kind: 'refusal', by: '2025-01-04' },
    ]);
    expect(dueItems({ ...c, state: 'closed' }, DEFAULT_SETTINGS)).toEqual([]);
  });
});
