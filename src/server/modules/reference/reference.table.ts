import type { BoolColumn, Versioned } from '../../db/types';

interface ReferenceColumns extends Versioned {
  id: string;
  code: string;
  name: string;
  name_en: string;
  sort_order: number;
  active: BoolColumn;
}

export interface RegionTable extends ReferenceColumns {
  level: string;
  parent_code: string | null;
}
export interface IndustryTable extends ReferenceColumns {
  is_key: BoolColumn;
}
export type DepartmentTable = ReferenceColumns;
/** A brand, award or recognition programme (DOMAIN.md §6): reference data, editable. */
export interface BrandProgrammeTable extends ReferenceColumns {
  level: string;
  kind: string;
  validity_years: number | null;
  review_cycle_years: number | null;
  running: BoolColumn;
  last_grant_year: number | null;
  /** Years after a grant before the same enterprise may be granted again (省长质量奖: 6). */
  reapply_bar_years: number | null;
  public_badge: BoolColumn;
  rules: string;
}
export interface ProductCategoryTable extends ReferenceColumns {
  group_name: string;
  industry_code: string;
  /** product: 产品质量监督抽查目录; food_safety: 食品安全监督抽检 大类. */
  catalogue: string;
}
