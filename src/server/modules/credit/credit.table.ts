import type { Versioned } from '../../db/types';

/** An enterprise on the 经营异常名录 or the 严重违法失信名单, from listing to removal. */
export interface CreditListEntryTable extends Versioned {
  id: string;
  enterprise_id: string;
  region_code: string;
  list: string;
  authority: string;
  decision_no: string;
  reason: string;
  listed_on: string;
  removed_on: string | null;
  removal_reason: string | null;
  removal_note: string;
}
