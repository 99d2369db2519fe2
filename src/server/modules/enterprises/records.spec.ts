import type { RecordKind } from '../../../contract/schemas/records';
import type { Database } from '../../db/database';
import { addMonths, addYears } from '../../lib/dates';

/** Where each kind of archive record lives and what it hangs under. */
export const RECORD_TABLES: Record<
  RecordKind,
  { table: keyof Database & string; parent: 'enterprise' | 'product'; json?: string[]; orderBy?: 'year' }
> = {
  'former-names': { table: 'enterprise_former_names', parent: 'enterprise' },
  associations: { table: 'enterprise_associations', parent: 'enterprise' },
  'yearly-figures': { table: 'enterprise_yearly_figures', parent: 'enterprise', orderBy: 'year' },
  products: { table: 'products', parent: 'enterprise' },
  standards: { table: 'product_standards', parent: 'product' },
  certifications: { table: 'certifications', parent: 'enterprise', json: ['product_ids'] },
  licences: { table: 'licences', parent: 'enterprise' },
  'quality-staff': { table: 'quality_staff', parent: 'enterprise', json: ['trainings'] },
};

export const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);


/** One problem with a record's values, as API details. */
export type Problem = { path: string; message: string };

/**
 * Rules across fields, on the record as it would be after the write. Licences without an
 * expiry get the statutory five years (工业产品生产许可证管理条例 art. 25).
 */
export function checkRecord(kind: RecordKind, r: Record<string, unknown>, today: string): Problem[] {
  const problems: Problem[] = [];
  const order = (from: string, to: string, message: string) => {
    if (typeof r[from] === 'string' && typeof r[to] === 'string' && (r[to] as string) < (r[from] as string)) problems.push({ path: `body/${to}`, message });
  };
  switch (kind) {
    case 'former-names':
      order('usedFrom', 'usedTo', '停用日期不能早于启用日期');
      break;
    case 'yearly-figures':
      if ((r.year as number) > Number(today.slice(0, 4))) problems.push({ path: 'body/year', message: '年份不能晚于今年' });
      if (typeof r.outputValue === 'number' && typeof r.newProductOutputValue === 'number' && r.newProductOutputValue > r.outputValue) {
        problems.push({ path: 'body/newProductOutputValue', message: '新产品产值不能大于工业总产值' });
      }
      break;
    case 'standards':
      if (r.adoption !== 'none' && !r.adoptedStandardNo) problems.push({ path: 'body/adoptedStandardNo', message: '采标时须填写所采用的国际或国外标准编号' });
      break;
    case 'certifications':
      if (r.kind === 'OTHER' && !r.kindOther) problems.push({ path: 'body/kindOther', message: '认证类别为“其他”时须写明名称' });
      order('issuedOn', 'expiresOn', '到期日不能早于发证日');
      break;
    case 'licences':
      order('issuedOn', 'expiresOn', '到期日不能早于发证日');
      break;
  }
  return problems;
}

export function withDefaults(kind: RecordKind, r: Record<string, unknown>): Record<string, unknown> {
  if (kind === 'licences' && !r.expiresOn && typeof r.issuedOn === 'string') return { ...r, expiresOn: addYears(r.issuedOn, 5) };
  return r;
}

/** Values computed on read. */
export function derived(kind: RecordKind, r: Record<string, unknown>, today: string): Record<string, unknown> {
  const expires = r.expiresOn as string | null;
  const expired = expires !== null && expires !== undefined && expires < today;
  if (kind === 'certifications') return { expired };
  if (kind === 'licences') return { expired, renewalDue: !expired && r.status === 'valid' && !!expires && expires <= addMonths(today, 6) };
  return {};
}
