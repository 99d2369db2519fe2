import type { Versioned } from '../../db/types';
import type { StoredDocumentColumns } from '../../lib/documents';

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
  /** The honour recorded when it reached 认定. */
  honour_id: string | null;
  /** While open (not 认定 nor 落选): programme and products as one key, unique per enterprise; null once closed, or on a duplicate kept from before keys were enforced. */
  natural_key: string | null;
}

/** A document attached to a cultivation; the file is `documents/<id>` under the data directory. */
export interface CultivationDocumentTable extends StoredDocumentColumns {
  id: string;
  cultivation_id: string;
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

/** How much a new honour of a programme earns in a year, and the city's share of it. */
export interface RewardRuleTable extends Versioned {
  id: string;
  programme_code: string;
  year: number;
  amount: number;
  city_share_percent: number;
  fund_source: string;
  note: string;
}

/** A reward for one honour: amount, split, approval and payment. */
export interface RewardTable extends Versioned {
  id: string;
  honour_id: string;
  programme_code: string;
  enterprise_id: string;
  region_code: string;
  year: number;
  amount: number;
  city_amount: number;
  county_amount: number;
  status: string;
  approved_on: string | null;
  paid_on: string | null;
}
