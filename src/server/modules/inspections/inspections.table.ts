import type { BoolColumn, Versioned } from '../../db/types';

export interface TestingBodyTable extends Versioned {
  id: string;
  name: string;
  accreditation_no: string;
  scope: string;
  active: BoolColumn;
}

export interface InspectionPlanTable extends Versioned {
  id: string;
  year: number;
  level: string;
  title: string;
  department_code: string;
  region_code: string;
  categories: string;
}

export interface InspectionTable extends Versioned {
  id: string;
  plan_id: string;
  /** The plan's year and level, copied (plans are not edited) so filters need no join. */
  year: number;
  level: string;
  /** The archive product sampled, when it is on record. */
  product_id: string | null;
  /** An imported result's testing body as the announcement names it (no registered body). */
  testing_body_name: string;
  category_code: string;
  check_type: string;
  region_code: string;
  sampled_enterprise_id: string | null;
  sampled_unit_name: string;
  producer_enterprise_id: string | null;
  producer_name: string;
  producer_region_code: string | null;
  product_name: string;
  brand: string;
  model: string;
  standard_no: string;
  batch: string;
  place: string;
  sampled_on: string;
  document_no: string;
  samplers: string;
  test_quantity: string;
  reserve_quantity: string;
  state: string;
  verdict: string | null;
  final_verdict: string | null;
  testing_body_id: string | null;
  report_no: string | null;
  report_on: string | null;
  received_on: string | null;
  objection_until: string | null;
  objection_filed_on: string | null;
  recheck_body_id: string | null;
  recheck_payer: string | null;
  rectification_ordered_on: string | null;
  rectification_due: string | null;
  first_review_due: string | null;
  announced_on: string | null;
  second_review_from: string | null;
  second_review_until: string | null;
  closed_on: string | null;
  published_on: string | null;
}

export interface InspectionItemTable {
  id: string;
  inspection_id: string;
  stage: string;
  seq: number;
  item: string;
  requirement: string;
  measured: string;
  passed: BoolColumn;
  severity: string;
}

export interface InspectionEventTable {
  id: string;
  inspection_id: string;
  action: string;
  on_date: string;
  state_after: string;
  details: string;
  actor_id: string | null;
  at: string;
}

/**
 * A random draw of a plan's category. Committed first (inputs frozen, `commitment` =
 * SHA-256 of "seed:nonce" shown), revealed once (`drawn_at`: seed, nonce and result shown).
 * Never deleted: a repeat for the same category is the next `round`, with its reason.
 */
export interface InspectionDrawTable {
  id: string;
  plan_id: string;
  category_code: string;
  round: number;
  reason: string;
  /** Secret until the draw is revealed. */
  seed: number;
  nonce: string | null;
  /** Null on draws made before commitments. */
  commitment: string | null;
  count: number;
  inputs: string;
  /** JSON {enterprises, inspectors}; empty until revealed. */
  result: string;
  created_by: string | null;
  created_at: string;
  drawn_by: string | null;
  drawn_at: string | null;
}

/** A document attached to a case (test report scans); the file is `documents/<id>` under the data directory. */
export interface InspectionDocumentTable {
  id: string;
  inspection_id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
  delete_reason: string | null;
}

/** Running counts of final verdicts: the pass-rate statistics read these, not the cases. */
export interface InspectionVerdictCountTable {
  year: number;
  level: string;
  region_code: string;
  category_code: string;
  place: string;
  tested: number;
  qualified: number;
}

/** An enterprise's response to a published result (企业说明), public once approved. */
export interface InspectionResponseTable extends Versioned {
  id: string;
  inspection_id: string;
  enterprise_id: string;
  text: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string;
}
