import type { Versioned } from '../../db/types';

/** An honour granted under a programme (名牌、奖项、认定): the register of what was granted. */
export interface HonourTable extends Versioned {
  id: string;
  programme_code: string;
  enterprise_id: string;
  region_code: string;
  /** JSON array of the archive product ids it names. */
  product_ids: string;
  title: string;
  certificate_no: string;
  authority: string;
  case_no: string;
  mark: string;
  goods_class: string;
  granted_on: string;
  valid_until: string | null;
  next_review_on: string | null;
  revoked_on: string | null;
  revoke_reason: string;
}

/** An enterprise worked towards a programme, stage by stage (培育 → 申报 → … → 认定/落选). */
export interface CultivationTable extends Versioned {
  id: string;
  programme_code: string;
  enterprise_id: string;
  region_code: string;
  product_ids: string;
  stage: string;
  officer_id: string | null;
  notes: string;
}

export interface CultivationEventTable {
  id: string;
  cultivation_id: string;
  stage_after: string;
  on_date: string;
  note: string;
  override: string | null;
  actor_id: string | null;
  at: string;
}
