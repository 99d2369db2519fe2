import type { ColumnType } from 'kysely';
import type { BoolColumn, Versioned } from '../../db/types';
import type { StoredDocumentColumns } from '../../lib/documents';

/** A column the database fills with its default unless a writer gives it. */
type Defaulted<T, W = T> = ColumnType<T, W | undefined, W>;

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
  /** The published table this case was imported from. */
  import_id: Defaulted<string | null>;
  /** The table's 备注. */
  remarks: Defaulted<string>;
  /** JSON: the other parties the table's producer cell names ([{ role, name, country? }]). */
  parties: Defaulted<string>;
  /** sampled: sampled_on is the sampling date; notice: the table gave none, sampled_on is the notice's date. */
  date_basis: Defaulted<string>;
  /** False for a qualified batch a failures-only list counts in its notice's totals without listing it. */
  listed: Defaulted<boolean | number, number>;
}

/** A published result table imported into a plan, with the notice it came from. */
export interface InspectionResultImportTable {
  id: string;
  plan_id: string;
  issuer: string;
  notice_title: string;
  notice_no: string;
  notice_date: string | null;
  year: number;
  kind: string;
  declared_tested: number | null;
  declared_unqualified: number | null;
  listed_batches: number;
  unlisted_qualified: number;
  rows_read: number;
  rows_skipped: number;
  file_name: string;
  mapping: string;
  created_by: string | null;
  created_at: string;
}

/** The column mapping last confirmed for an issuer's tables: normalised header → field (or null). */
export interface ResultImportMappingTable {
  issuer: string;
  columns: string;
  updated_by: string | null;
  updated_at: string;
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
export interface InspectionDocumentTable extends StoredDocumentColumns {
  id: string;
  inspection_id: string;
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
