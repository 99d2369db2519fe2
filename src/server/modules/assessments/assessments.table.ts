import type { Versioned } from '../../db/types';

/** A year's assessment scheme: its items, grade thresholds, small-sample rule and dates. */
export interface AssessmentSchemeTable extends Versioned {
  id: string;
  year: number;
  plan_id: string;
  name: string;
  /** draft → open (counties file and assess) → final (scores, grades and ranks fixed). */
  status: string;
  grade_a: number;
  grade_b: number;
  grade_c: number;
  min_sample: number;
  small_sample_rule: string;
  targets_due_on: string | null;
  self_due_on: string | null;
  review_due_on: string | null;
}

export interface AssessmentItemTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  kind: string;
  /** Points it is worth; a deduction's largest deduction, negative; a veto 0. */
  points: number;
  indicator_code: string | null;
  scoring: string;
  /** JSON steps of a stepped rule: [{ atLeast, share }]. */
  steps: string;
  guidance: string;
  sort_order: number;
}

/** One county's assessment in a year: where it stands, and the outcome once final. */
export interface CountyAssessmentTable extends Versioned {
  id: string;
  scheme_id: string;
  region_code: string;
  /** open → filed → self_assessed → reviewed → final. */
  status: string;
  targets_filed_on: string | null;
  self_submitted_on: string | null;
  reviewed_on: string | null;
  total: number | null;
  grade: string | null;
  veto_reason: string | null;
  decision: string | null;
  reward: string;
  follow_up: string;
}

export interface AssessmentScoreTable {
  id: string;
  county_assessment_id: string;
  item_id: string;
  self_score: number | null;
  self_evidence: string;
  review_score: number | null;
  review_comment: string;
  final_value: number | null;
  final_points: number | null;
}

/** A county's target for an indicator in a year's scheme: what its indicator items are scored against. */
export interface AssessmentCountyTargetTable {
  scheme_id: string;
  region_code: string;
  indicator_code: string;
  target: number;
}
