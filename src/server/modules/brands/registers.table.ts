import type { BoolColumn, Versioned } from '../../db/types';

/** The outcome of a due review (复评) of an honour. */
export interface HonourReviewTable {
  id: string;
  honour_id: string;
  due_on: string;
  reviewed_on: string;
  passed: BoolColumn;
  note: string;
  actor_id: string | null;
  at: string;
}

interface SoftDeleted {
  deleted_at: string | null;
  deleted_by: string | null;
  delete_reason: string | null;
}

/** A technical-upgrade project (技改项目) and whether the city selected it as key that year. */
export interface KeyProjectTable extends Versioned, SoftDeleted {
  id: string;
  enterprise_id: string;
  region_code: string;
  year: number;
  name: string;
  investment: number;
  status: string;
  selected: BoolColumn;
  selected_on: string | null;
  notes: string;
}

/** An enterprise on a year's list of flagship industrial enterprises (标志性工业企业). */
export interface FlagshipDesignationTable extends Versioned, SoftDeleted {
  id: string;
  enterprise_id: string;
  region_code: string;
  year: number;
  designated_on: string;
  note: string;
  override: string | null;
}
