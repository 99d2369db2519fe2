import type { Versioned } from '../../db/types';

/** A plan of targets over a span of years (质量兴郴 2010–2015, the next one…). */
export interface TargetPlanTable extends Versioned {
  id: string;
  code: string;
  name: string;
  name_en: string;
  start_year: number;
  end_year: number;
}

/** One indicator of a plan: its target, owner, source and, when computed, how. */
export interface PlanIndicatorTable extends Versioned {
  id: string;
  plan_id: string;
  code: string;
  section: string;
  name: string;
  name_en: string;
  unit: string;
  kind: string;
  direction: string;
  target: number | null;
  stretch: number | null;
  baseline_year: number | null;
  baseline_value: number | null;
  owner_department: string;
  frequency: string;
  source: string;
  calculator: string | null;
  /** JSON: the calculator's settings where the definition is not official. */
  reading: string;
  /** A reported indicator subtracted from the computed value (a provincial average). */
  compare_code: string | null;
  /** Where a reported indicator is entered: for each county, or once for the province. */
  report_regions: string | null;
  definition: string;
  sort_order: number;
}

/** A department's figure for an indicator, region and period, from draft to approval. */
export interface ReportedValueTable extends Versioned {
  id: string;
  indicator_code: string;
  region_code: string;
  period: string;
  department_code: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  comment: string;
  status: string;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_comment: string;
}

export interface ReportedValueEventTable {
  id: string;
  reported_value_id: string;
  action: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  comment: string;
  actor_id: string | null;
  at: string;
}

/** A computed indicator's sums for a year in one county and industry (migration 2026112521). */
export interface IndicatorSumTable {
  indicator_id: string;
  year: number;
  region_code: string;
  industry_code: string;
  num: number;
  den: number;
  records: number;
  /** Records with a numerator share; with either share (the drill-down's two sides). */
  num_records: number;
  den_records: number;
}

/** The same per part of a cell (calculators' partOf): what a write reads again. */
export interface IndicatorPartSumTable extends IndicatorSumTable {
  part: string;
}

/** What an indicator's kept sums for a year were computed under. */
export interface IndicatorSumRunTable {
  indicator_id: string;
  year: number;
  /** JSON: the indicator's version, the plan's first year, the day read as of. */
  basis: string;
  /** JSON: each source table's stamp when computed. */
  stamp: string;
  computed_at: string;
}

export interface EnterpriseMoveTable {
  enterprise_id: string;
  moved_at: string;
}
