import type { ErrorCode } from '../../../contract/errors';
import type { RecordKind } from '../../../contract/schemas/records';
import type { Database } from '../../db/database';
import { addMonths, addYears } from '../../lib/dates';
import { naturalKey } from '../../lib/natural-key';
import { normaliseStandardText, parseStandardNo, type StandardKind } from '../../lib/standard-numbers';

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

/**
 * What names a record: these fields under its enterprise (or product), or across the whole
 * archive where a number belongs to one holder only (certificates, licences). `code`: the error
 * a second live record with the same key answers; `stored`: the key is kept in a `natural_key`
 * column under a unique index (the others are unique on their raw columns, or kept by the service).
 */
export const NATURAL_KEYS: Record<RecordKind, { fields: string[]; global?: true; code?: ErrorCode; stored?: true }> = {
  'former-names': { fields: ['name'], code: 'duplicate_former_name', stored: true },
  associations: { fields: ['association'] },
  'yearly-figures': { fields: ['year'] },
  products: { fields: ['name', 'brand', 'model'], code: 'duplicate_product', stored: true },
  standards: { fields: ['standardNo'] },
  certifications: { fields: ['kind', 'certificateNo'], global: true },
  licences: { fields: ['licenceNo'], global: true },
  'quality-staff': { fields: ['personName', 'staffRole'] },
};

/** One problem with a record's values, as API details; `code` when it has an error code of its own. */
export type Problem = { path: string; message: string; code?: ErrorCode };

const STANDARD_KIND_NAMES: Record<StandardKind, string> = {
  national: '国家标准',
  industry: '行业标准',
  local: '地方标准',
  group: '团体标准',
  enterprise: '企业标准',
  international: '国际标准',
  foreign_advanced: '国外先进标准',
};
const STANDARD_NUMBER_FIELDS = ['standardNo', 'adoptedStandardNo'] as const;

/** How two spellings of a standard number compare: the canonical form, or the normalised text of an unknown one. */
export const standardNoKey = (value: string) => parseStandardNo(value)?.canonical ?? normaliseStandardText(value);

/** A record's natural key (API-shaped values), compared as the archive compares it: normalised text, a standard number by its canonical form. */
export function recordKey(kind: RecordKind, values: Record<string, unknown>): string {
  return naturalKey(
    NATURAL_KEYS[kind].fields.map((f) => (kind === 'standards' && f === 'standardNo' ? standardNoKey(String(values[f] ?? '')) : values[f])),
  );
}

/** The `natural_key` column of a kind that stores one, from the record as it will be after the write. */
export function storedKeyColumn(kind: RecordKind, values: Record<string, unknown>): { natural_key?: string } {
  return NATURAL_KEYS[kind].stored ? { natural_key: recordKey(kind, values) } : {};
}

/** Whether a standard's own number (with its kind) or its adopted one differ from what is stored (a new one: both). */
const ownChanged = (r: Record<string, unknown>, before: Record<string, unknown> | null) =>
  !before || r.standardNo !== before.standardNo || r.kind !== before.kind;
const adoptedChanged = (r: Record<string, unknown>, before: Record<string, unknown> | null) =>
  !before || r.adoption !== before.adoption || r.adoptedStandardNo !== before.adoptedStandardNo;

/** Whether a standard's numbers need a reason: one of them is of no known form. */
const standardNeedsReason = (r: Record<string, unknown>) =>
  !parseStandardNo(String(r.standardNo ?? '')) ||
  (r.adoption !== 'none' && !!r.adoptedStandardNo && !parseStandardNo(String(r.adoptedStandardNo)));

/**
 * A record as it will be stored, from the stored one (`before`, API shape; null for a new one)
 * and the values given. A standard's numbers are written in their canonical form unless they
 * are another spelling of the stored ones, which stay as they are; the reason for an unknown
 * form is dropped once the numbers are known.
 */
export function settleRecord(
  kind: RecordKind,
  r: Record<string, unknown>,
  before: Record<string, unknown> | null,
): Record<string, unknown> {
  if (kind !== 'standards') return r;
  const out = { ...r };
  for (const f of STANDARD_NUMBER_FIELDS) {
    const value = out[f];
    if (typeof value !== 'string') continue;
    const stored = before?.[f];
    out[f] =
      typeof stored === 'string' && standardNoKey(stored) === standardNoKey(value)
        ? stored
        : (parseStandardNo(value)?.canonical ?? value.trim());
  }
  if (!standardNeedsReason(out)) out.standardNoOverrideReason = null;
  return out;
}

/**
 * A standard's number checked against its kind (a GB/T number is a national standard, not an
 * enterprise one), and an adopted number against being international or foreign. A number of
 * unknown form passes only with a reason, as a pilot-area USCC does. Applied when the numbers or
 * kind change: what is already stored is read and kept as it is.
 */
function checkStandard(r: Record<string, unknown>, before: Record<string, unknown> | null): Problem[] {
  const problems: Problem[] = [];
  const reason = typeof r.standardNoOverrideReason === 'string' && r.standardNoOverrideReason.trim() !== '';
  const unknown = (path: string) =>
    problems.push({
      path,
      code: 'standard_no_unknown',
      message:
        '无法识别的标准编号（应如 GB/T 5023.3-2008、DB43/T 1234-2016、Q/CZXX 001-2019、ISO 9001:2015，带年代号）；如确需录入，请填写理由',
    });
  if (ownChanged(r, before)) {
    const own = parseStandardNo(String(r.standardNo ?? ''));
    if (!own) {
      if (!reason) unknown('body/standardNo');
    } else if (own.kind !== r.kind) {
      problems.push({
        path: 'body/kind',
        code: 'standard_kind_mismatch',
        message: `${own.canonical} 是${STANDARD_KIND_NAMES[own.kind]}，不能登记为${STANDARD_KIND_NAMES[r.kind as StandardKind] ?? r.kind}`,
      });
    }
  }
  if (adoptedChanged(r, before) && r.adoption !== 'none' && r.adoptedStandardNo) {
    const adopted = parseStandardNo(String(r.adoptedStandardNo));
    if (!adopted) {
      if (!reason) unknown('body/adoptedStandardNo');
    } else if (adopted.kind !== 'international' && adopted.kind !== 'foreign_advanced') {
      problems.push({
        path: 'body/adoptedStandardNo',
        code: 'standard_kind_mismatch',
        message: `采标须采用国际标准或国外先进标准，${adopted.canonical} 是${STANDARD_KIND_NAMES[adopted.kind]}`,
      });
    }
  }
  return problems;
}

/**
 * Rules across fields, on the record as it would be after the write (`before`: as stored, API
 * shape; null for a new one). Licences without an expiry get the statutory five years
 * (工业产品生产许可证管理条例 art. 25).
 */
export function checkRecord(
  kind: RecordKind,
  r: Record<string, unknown>,
  today: string,
  before: Record<string, unknown> | null = null,
): Problem[] {
  const problems: Problem[] = [];
  const order = (from: string, to: string, message: string) => {
    if (typeof r[from] === 'string' && typeof r[to] === 'string' && (r[to] as string) < (r[from] as string))
      problems.push({ path: `body/${to}`, message });
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
      if (r.adoption !== 'none' && !r.adoptedStandardNo)
        problems.push({ path: 'body/adoptedStandardNo', message: '采标时须填写所采用的国际或国外标准编号' });
      problems.push(...checkStandard(r, before));
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
