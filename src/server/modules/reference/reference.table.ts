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
export interface ProductCategoryTable extends ReferenceColumns {
  group_name: string;
  industry_code: string;
}
