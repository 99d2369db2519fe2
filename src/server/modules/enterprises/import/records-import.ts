import type { Kysely } from 'kysely';
import { RECORD_FIELDS, type RecordKind } from '../../../../contract/schemas/records';
import type { Actor } from '../../../authz/actor';
import type { Database } from '../../../db/database';
import { insertChunked } from '../../../db/bulk';
import { newRecordMeta } from '../../../db/types';
import { today } from '../../../lib/dates';
import { uuidv7 } from '../../../lib/ids';
import { naturalKey } from '../../../lib/natural-key';
import { mayEditInRegion } from '../enterprises.policy';
import { reindexEnterprise } from '../enterprises.repository';
import { auditedRecord, presentRecord, recordColumns, recordDefaults } from '../records.presenter';
import { listRecords, updateRecordVersioned, type RecordRow } from '../records.repository';
import { checkRecord, NATURAL_KEYS, RECORD_TABLES, recordKey, settleRecord, snake, storedKeyColumn, withDefaults } from '../records.kinds';
import { applyUpdate, type ParsedRow, type Reject, type WriteCounts } from './apply-update';
import { RECORD_COLUMNS } from './columns';

/** The product a standards row belongs to, by the same natural key as the products template. */
const PRODUCT_OF_STANDARD = ['productName', 'productBrand', 'productModel'];

const keyOf = (values: Record<string, unknown>, fields: string[]) => naturalKey(fields.map((f) => values[f]));
const fieldsOf = (kind: RecordKind) => Object.keys(RECORD_FIELDS[kind]);
const headerOf = (kind: RecordKind, field: string) => RECORD_COLUMNS[kind].find((c) => c.field === field)?.header ?? field;

/** Empty cells take the field's default, as a record created without them would have. */
export function fillRecordDefaults(kind: RecordKind, values: Record<string, unknown>): void {
  const defaults = recordDefaults(kind);
  for (const [field, value] of Object.entries(values)) {
    if (value !== null) continue;
    if (field in defaults) values[field] = defaults[field];
    else if (PRODUCT_OF_STANDARD.includes(field) && field !== 'productName') values[field] = '';
  }
  if (typeof values.uscc === 'string') values.uscc = values.uscc.toUpperCase();
}

/** The key a row may appear under only once in a file (compared as the archive compares natural keys). */
export function recordFileKey(kind: RecordKind, values: Record<string, unknown>): string {
  const own = recordKey(kind, values);
  if (NATURAL_KEYS[kind].global) return own;
  return `${keyOf(values, ['uscc', ...(kind === 'standards' ? PRODUCT_OF_STANDARD : [])])}\u001e${own}`;
}

/** Records grouped by key: a key held by more than one record (duplicates stored before keys were enforced) is ambiguous. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = out.get(k);
    if (group) group.push(item);
    else out.set(k, [item]);
  }
  return out;
}
const AMBIGUOUS = (n: number) => `与档案中 ${n} 条相同的记录对应，无法确定更新哪一条；请先在档案中合并或删除重复记录`;

/** The cell a repeated row is reported at: the last field of its natural key. */
export function recordKeyCell(kind: RecordKind, values: Record<string, unknown>): { column: string; value: string } {
  const field = NATURAL_KEYS[kind].fields.at(-1)!;
  return { column: headerOf(kind, field), value: String(values[field] ?? '') };
}

/**
 * Verifies and writes a chunk of rows of a record kind: the enterprise must be in the archive and
 * the actor's to edit; a standard's product must be there; the record's own rules (dates in
 * order, new-product output within output…) are checked on the record as it would be after the
 * write. Inserts new records, updates changed ones through their versioned update.
 */
export async function recordChunk(
  trx: Kysely<Database>,
  actor: Actor,
  kind: RecordKind,
  rows: ParsedRow[],
  writing: boolean,
  counts: WriteCounts,
  reject: Reject,
): Promise<void> {
  const now = today();
  const live = rows.filter((r) => !r.errors.length);
  // Every row whose code was read is looked up, so that a row with other errors lists these too.
  const codes = [...new Set(rows.filter((r) => typeof r.values.uscc === 'string').map((r) => r.values.uscc as string))];
  const enterprises = codes.length
    ? await trx
        .selectFrom('enterprises')
        .select(['id', 'uscc', 'name', 'region_code'])
        .where('uscc', 'in', codes)
        .where('deleted_at', 'is', null)
        .execute()
    : [];
  const byCode = new Map(enterprises.map((e) => [e.uscc, e]));

  // Standards hang under products: find each row's product by its natural key.
  const products =
    kind === 'standards'
      ? await listRecords(
          trx,
          'products',
          enterprises.map((e) => e.id),
        )
      : [];
  const productsByKey = groupBy(products, (p) => `${p.enterprise_id}|${recordKey('products', presentRecord('products', p, now))}`);
  const productsOf = (row: ParsedRow, enterpriseId: string) =>
    productsByKey.get(
      `${enterpriseId}|${recordKey('products', { name: row.values.productName, brand: row.values.productBrand, model: row.values.productModel })}`,
    ) ?? [];

  const key = NATURAL_KEYS[kind];
  const parentIds = kind === 'standards' ? products.map((p) => p.id) : enterprises.map((e) => e.id);
  const stored = await listRecords(trx, kind, parentIds);
  const parentColumn = RECORD_TABLES[kind].parent === 'product' ? 'product_id' : 'enterprise_id';
  // Two spellings of one name or standard number (case, spaces, full-width digits in a number) name the same record.
  const storedByKey = groupBy(stored, (r) => `${r[parentColumn]}|${recordKey(kind, presentRecord(kind, r, now))}`);
  // A certificate or licence number already held by another enterprise cannot be imported again.
  const heldElsewhere = new Set<string>();
  if (key.global && live.length) {
    const numberField = key.fields[key.fields.length - 1]!;
    const numbers = [...new Set(live.map((r) => String(r.values[numberField] ?? '')))];
    const others = (await trx
      .selectFrom(RECORD_TABLES[kind].table as 'licences')
      .selectAll()
      .where(snake(numberField) as 'licence_no', 'in', numbers)
      .where('deleted_at', 'is', null)
      .execute()) as unknown as RecordRow[];
    for (const r of others) heldElsewhere.add(keyOf(presentRecord(kind, r, now), key.fields));
  }

  const inserts: Record<string, unknown>[] = [];
  const reindex = new Map<string, { id: string; name: string; uscc: string }>();
  for (const row of rows) {
    const enterprise = byCode.get(row.values.uscc as string);
    const fail = (field: string, value: unknown, message: string) =>
      row.errors.push({ line: row.line, column: headerOf(kind, field), value: String(value ?? ''), message });
    let parentId: string | undefined;
    // A row's errors are all reported at once: these checks run whatever else is wrong with it.
    const cellErrors = new Set(row.errors.map((e) => e.column));
    if (typeof row.values.uscc === 'string') {
      if (!enterprise) fail('uscc', row.values.uscc, '档案中没有该企业，请先导入企业基本信息');
      else if (!mayEditInRegion(actor, enterprise.region_code)) fail('uscc', row.values.uscc, '该企业属于其他县市区');
      else if (kind !== 'standards') parentId = enterprise.id;
      else {
        const owners = productsOf(row, enterprise.id);
        if (owners.length === 0)
          fail('productName', row.values.productName, '该企业档案中没有这个产品（产品名称、品牌、型号须一致），请先导入产品');
        else if (owners.length > 1) fail('productName', row.values.productName, AMBIGUOUS(owners.length));
        else parentId = owners[0]!.id;
      }
    }
    const matches = parentId ? (storedByKey.get(`${parentId}|${recordKey(kind, row.values)}`) ?? []) : [];
    if (matches.length > 1) {
      const field = key.fields.at(-1)!;
      fail(field, row.values[field], AMBIGUOUS(matches.length));
    }
    const existing = matches.length === 1 ? matches[0] : undefined;
    if (!row.errors.length && !existing && heldElsewhere.has(keyOf(row.values, key.fields))) {
      fail(key.fields[key.fields.length - 1]!, row.values[key.fields[key.fields.length - 1]!], '该编号已登记在其他企业名下');
    }
    const current: Record<string, unknown> = existing ? presentRecord(kind, existing, now) : recordDefaults(kind);
    const given = Object.fromEntries(
      fieldsOf(kind)
        .filter((f) => f in row.values)
        .map((f) => [f, row.values[f]]),
    );
    const after = settleRecord(kind, withDefaults(kind, { ...current, ...given }), existing ? current : null);
    // The record's own rules, on the cells that were read (a cell already wrong is not judged twice).
    if (parentId) {
      for (const p of checkRecord(kind, after, now, existing ? current : null)) {
        const field = p.path.replace('body/', '');
        if (!cellErrors.has(headerOf(kind, field))) fail(field, after[field], p.message);
      }
    }
    if (row.errors.length || !enterprise || !parentId) {
      reject(row);
      continue;
    }
    if (!existing) {
      counts.inserted++;
      if (!writing) continue;
      inserts.push({
        id: uuidv7(),
        [parentColumn]: parentId,
        ...recordColumns(kind, after),
        ...storedKeyColumn(kind, after),
        ...newRecordMeta(actor.id, new Date().toISOString()),
      });
      if (kind === 'former-names') reindex.set(enterprise.id, enterprise);
      continue;
    }
    const changes = Object.fromEntries(
      fieldsOf(kind)
        .filter((f) => JSON.stringify(after[f]) !== JSON.stringify(current[f]))
        .map((f) => [f, after[f]]),
    );
    await applyUpdate(
      trx,
      actor,
      {
        update: () =>
          updateRecordVersioned(trx, kind, existing.id, existing.version, {
            ...recordColumns(kind, changes),
            ...storedKeyColumn(kind, after),
          }),
        audited: (r) => auditedRecord(kind, r, enterprise.id),
        before: existing,
        action: 'record.update',
        subject: { type: kind, id: existing.id },
      },
      changes,
      writing,
      counts,
    );
    if (kind === 'former-names' && Object.keys(changes).length) reindex.set(enterprise.id, enterprise);
  }
  if (inserts.length) await insertChunked(trx, RECORD_TABLES[kind].table as 'licences', inserts as never);
  // Former names are searched: the enterprise's search document follows them.
  if (writing) for (const e of reindex.values()) await reindexEnterprise(trx, e);
}

/** The rows of an export of a record kind for a page of enterprises, in the template's fields. */
export async function recordExportRows(
  db: Kysely<Database>,
  kind: RecordKind,
  page: { id: string; uscc: string }[],
): Promise<Record<string, unknown>[]> {
  const now = today();
  const order = new Map(page.map((e, i) => [e.id, i]));
  const uscc = new Map(page.map((e) => [e.id, e.uscc]));
  const byEnterprise = (a: RecordRow, b: RecordRow) => order.get(a.enterprise_id as string)! - order.get(b.enterprise_id as string)!;
  if (kind !== 'standards') {
    const rows = (
      await listRecords(
        db,
        kind,
        page.map((e) => e.id),
      )
    ).sort(byEnterprise);
    return rows.map((r) => ({ uscc: uscc.get(r.enterprise_id as string), ...presentRecord(kind, r, now) }));
  }
  const products = (
    await listRecords(
      db,
      'products',
      page.map((e) => e.id),
    )
  ).sort(byEnterprise);
  const standards = await listRecords(
    db,
    'standards',
    products.map((p) => p.id),
  );
  return products.flatMap((p) =>
    standards
      .filter((s) => s.product_id === p.id)
      .map((s) => ({
        uscc: uscc.get(p.enterprise_id as string),
        productName: p.name,
        productBrand: p.brand,
        productModel: p.model,
        ...presentRecord('standards', s, now),
      })),
  );
}
