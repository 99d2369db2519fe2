import type { BoolColumn, Versioned } from '../../db/types';

/** Columns of every archive record: versioned, audited, soft-deleted with a reason. */
export interface ArchiveRecord extends Versioned {
  id: string;
  deleted_at: string | null;
  deleted_by: string | null;
  delete_reason: string | null;
}

export interface EnterpriseTable extends ArchiveRecord {
  uscc: string;
  uscc_override_reason: string | null;
  name: string;
  region_code: string;
  industry_code: string;
  address: string;
  legal_representative: string;
  contact_person: string;
  contact_phone: string;
  founded_on: string | null;
  status: string;
  /** The day it was deregistered (注销日期): before a year, it is no producer of that year. */
  deregistered_on: string | null;
  above_scale: BoolColumn;
  key_enterprise: BoolColumn;
  flagship: BoolColumn;
  foreign_invested: BoolColumn;
  service_enterprise: BoolColumn;
  agri_leader_level: string;
}

export interface EnterpriseSearchTable {
  enterprise_id: string;
  norm: string;
  /** SQLite: the grams as space-separated text (FTS5); PostgreSQL: text[]. */
  grams: string | string[];
  /** SQLite only: the name's pinyin sort key (db/sort-key.ts); PostgreSQL sorts by its "zh-x-icu" collation. */
  name_key?: string | null;
}

export interface CertificationTable extends ArchiveRecord {
  enterprise_id: string;
  kind: string;
  kind_other: string;
  certificate_no: string;
  body: string;
  issued_on: string | null;
  expires_on: string | null;
  status: string;
  /** JSON array of the enterprise's product ids the certificate names (a green-food certificate is per product). */
  product_ids: string;
}

export interface LicenceTable extends ArchiveRecord {
  enterprise_id: string;
  licence_no: string;
  product_unit: string;
  issued_on: string | null;
  expires_on: string | null;
  status: string;
}

export interface FormerNameTable extends ArchiveRecord {
  enterprise_id: string;
  name: string;
  /** The name as natural keys compare it (lib/natural-key.ts), unique among the enterprise's live former names; null on a duplicate kept from before keys were enforced. */
  natural_key: string | null;
  used_from: string | null;
  used_to: string | null;
}

export interface AssociationTable extends ArchiveRecord {
  enterprise_id: string;
  association: string;
  member_role: string;
  joined_on: string | null;
}

/** Integer yuan. */
export interface YearlyFiguresTable extends ArchiveRecord {
  enterprise_id: string;
  year: number;
  output_value: number | null;
  new_product_output_value: number | null;
  sales_revenue: number | null;
  export_value: number | null;
  profit_and_tax: number | null;
  employees: number | null;
}

export interface ProductTable extends ArchiveRecord {
  enterprise_id: string;
  name: string;
  category_code: string | null;
  brand: string;
  model: string;
  key_product: BoolColumn;
  export_product: BoolColumn;
  food_product: BoolColumn;
  brand_product: BoolColumn;
  made_to_standard: BoolColumn;
  /** Name, brand and model as natural keys compare them, unique among the enterprise's live products; null on a duplicate kept from before keys were enforced. */
  natural_key: string | null;
}

export interface ProductStandardTable extends ArchiveRecord {
  product_id: string;
  standard_no: string;
  kind: string;
  adoption: string;
  adopted_standard_no: string;
  /** Why a number of unknown form was kept (null when its form is known). */
  standard_no_override_reason: string | null;
}

export interface QualityStaffTable extends ArchiveRecord {
  enterprise_id: string;
  person_name: string;
  staff_role: string;
  qualification: string;
  phone: string;
  /** JSON array of {course, completedOn, certificateNo}. */
  trainings: string;
}

export interface ProposalTable extends Versioned {
  id: string;
  enterprise_id: string;
  changes: string;
  note: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string;
}
