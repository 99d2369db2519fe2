import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../authz/actor';
import type { AppContext } from '../../../context';
import type { Database } from '../../../db/database';
import { IMPORT_KIND_VALUES } from '../../../../contract/schemas/imports';
import { insertChunked } from '../../../db/bulk';
import { bool, toBool } from '../../../db/portable';
import { insertEnterpriseSearch } from '../search.repository';
import { newRecordMeta } from '../../../db/types';
import { uuidv7 } from '../../../lib/ids';
import { searchDocument } from '../../../lib/search-text';
import { readTable, UnreadableFile, type TableRow } from '../../../lib/tabular/read';
import { checkUscc } from '../../../lib/uscc';
import { recordAudit } from '../../audit/audit.service';
import { auditedEnterprise } from '../enterprises.presenter';
import { mayEditInRegion } from '../enterprises.policy';
import { BOOLEAN_FIELDS, ENTERPRISE_FIELDS, updateEnterpriseVersioned } from '../enterprises.repository';
import { applyUpdate, type ParsedRow, type Reject } from './apply-update';
import { ENTERPRISE_COLUMNS, RECORD_COLUMNS, type Column, type Lookups } from './columns';
import { fillRecordDefaults, recordChunk, recordFileKey, recordKeyCell } from './records-import';
import { rejectedRowsFile, type RowError } from './report';

export type ImportKind = (typeof IMPORT_KIND_VALUES)[number];
export type ImportMode = 'all' | 'partial' | 'check';
export const COLUMNS: Record<ImportKind, Column[]> = { enterprises: ENTERPRISE_COLUMNS, ...RECORD_COLUMNS };

export interface ImportOptions {
  /**
   * 'all': nothing is written unless every row passes. 'partial': valid rows are written, the rest
   * returned. 'check': nothing is written; the report says what an import would do.
   */
  mode: ImportMode;
  fileName: string;
  onProgress?: (rowsDone: number) => void;
}

export interface ImportReport {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  fileName: string;
  /** Whether anything was written (false when 'all' met a bad row, or nothing changed). */
  written: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RowError[];
  /** More errors were found than listed (the rejected-rows file has them all). */
  errorsTruncated: boolean;
  warnings: string[];
  rejectedFile: string | null;
}

const CHUNK = 1000;
const MAX_LISTED_ERRORS = 1000;
class Rollback extends Error {}

export async function loadLookups(db: Kysely<Database>): Promise<Lookups> {
  const regions = await db.selectFrom('regions').select(['code', 'name', 'level']).execute();
  const industries = await db.selectFrom('industries').select(['code', 'name']).execute();
  const categories = await db.selectFrom('product_categories').select(['code', 'name']).execute();
  const l: Lookups = {
    regions: new Map(),
    industries: new Map(),
    categories: new Map(),
    regionNames: new Map(),
    industryNames: new Map(),
    categoryNames: new Map(),
  };
  for (const r of regions) {
    l.regionNames.set(r.code, r.name);
    if (r.level === 'province') continue;
    l.regions.set(r.code, r.code);
    l.regions.set(r.name, r.code);
  }
  for (const i of industries) {
    l.industries.set(i.code, i.code);
    l.industries.set(i.name, i.code);
    l.industryNames.set(i.code, i.name);
  }
  for (const c of categories) {
    l.categories.set(c.code, c.code);
    l.categories.set(c.name, c.code);
    l.categoryNames.set(c.code, c.name);
  }
  return l;
}

/**
 * The template's last column: a note, not data. A row whose note starts with 示例 is the
 * template's example and is skipped (officers leave it in, or fill their data below it).
 */
export const NOTE_HEADER = '说明';
export const EXAMPLE_NOTE = '示例行：导入时跳过，可删除或改填';
const isExample = (row: TableRow, noteAt: number | undefined) =>
  noteAt !== undefined && (row.cells[noteAt] ?? '').trim().startsWith('示例');

/** Maps header cells to columns; required ones missing and repeated ones are errors. */
function mapHeader(header: TableRow, columns: Column[]) {
  const errors: RowError[] = [];
  const warnings: string[] = [];
  const at = new Map<Column, number>();
  const seen = new Map<string, number>();
  let noteAt: number | undefined;
  header.cells.forEach((raw, i) => {
    const name = raw.trim().replace(/\*$/, '');
    if (name === '') return;
    if (seen.has(name)) {
      errors.push({ line: header.line, column: name, value: name, message: `列名重复（第 ${seen.get(name)! + 1} 列与第 ${i + 1} 列）` });
      return;
    }
    seen.set(name, i);
    const column = columns.find((c) => c.header === name);
    if (column) at.set(column, i);
    else if (name === NOTE_HEADER) noteAt = i;
    else warnings.push(`未识别的列“${name}”已忽略`);
  });
  for (const c of columns) {
    if (c.required && !at.has(c)) errors.push({ line: header.line, column: c.header, value: '', message: '缺少必填列' });
  }
  return { at, noteAt, errors, warnings };
}

function parseRow(row: TableRow, at: Map<Column, number>, lookups: Lookups): ParsedRow {
  const values: Record<string, unknown> = {};
  const errors: RowError[] = [];
  for (const [column, index] of at) {
    const raw = row.cells[index] ?? '';
    const parsed = column.parse(raw, lookups);
    if (!parsed.ok) errors.push({ line: row.line, column: column.header, value: raw, message: parsed.message });
    else if (parsed.value === null && column.required)
      errors.push({ line: row.line, column: column.header, value: raw, message: '不能为空' });
    else values[column.field] = parsed.value;
  }
  return { line: row.line, cells: row.cells, values, errors };
}

const ENTERPRISE_DEFAULTS: Record<string, unknown> = {
  address: '',
  legalRepresentative: '',
  contactPerson: '',
  contactPhone: '',
  foundedOn: null,
  status: 'operating',
  deregisteredOn: null,
  aboveScale: false,
  keyEnterprise: false,
  foreignInvested: false,
  serviceEnterprise: false,
  agriLeaderLevel: 'none',
  usccOverrideReason: null,
};
// The officer-edited fields and the override reason an import may also carry.
const ENTERPRISE_COLUMN_OF: Record<string, string> = { ...ENTERPRISE_FIELDS, usccOverrideReason: 'uscc_override_reason' };
// The same, as a list walked once per new row (an import of a million rows walks it a million times).
const NEW_ROW_COLUMNS = Object.entries(ENTERPRISE_COLUMN_OF).map(([field, column]) => ({
  field,
  column,
  flag: BOOLEAN_FIELDS.has(field),
  fallback: ENTERPRISE_DEFAULTS[field] ?? null,
}));

/** The changes a row makes to a stored record: only the fields the file has, only where different. */
function diff(values: Record<string, unknown>, stored: Record<string, unknown>, columnOf: Record<string, string>) {
  const changes: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columnOf)) {
    if (!(field in values)) continue;
    const next = BOOLEAN_FIELDS.has(field) ? bool(Boolean(values[field])) : (values[field] ?? null);
    const now = BOOLEAN_FIELDS.has(field) ? bool(toBool(stored[column])) : (stored[column] ?? null);
    if (next !== now) changes[column] = next;
  }
  return changes;
}

/**
 * Verifies every row of a file and writes it in one transaction: by default only if every row
 * passes; in partial mode the valid rows, with the rejected ones returned as a file. Upserts by
 * natural key (USCC; USCC + year), so importing the same file twice changes nothing the second time.
 */
export async function importFile(
  ctx: AppContext,
  actor: Actor,
  kind: ImportKind,
  filePath: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const columns = COLUMNS[kind];
  const lookups = await loadLookups(ctx.db);
  const report: ImportReport = {
    id: uuidv7(),
    kind,
    mode: options.mode,
    fileName: options.fileName,
    written: false,
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
    errorsTruncated: false,
    warnings: [],
    rejectedFile: null,
  };
  const dir = path.join(ctx.config.dataDir, 'imports');
  fs.mkdirSync(dir, { recursive: true });
  // Rejected rows go to their file as they are found, not kept: a file of two million bad rows costs no memory.
  const rejectedFile = rejectedRowsFile(path.join(dir, `${report.id}-rejected.csv`));
  const reject = (row: ParsedRow) => {
    report.rejected++;
    for (const e of row.errors) {
      if (report.errors.length < MAX_LISTED_ERRORS) report.errors.push(e);
      else report.errorsTruncated = true;
    }
    rejectedFile.add(row.cells, row.errors);
  };

  try {
    await ctx.db.transaction().execute(async (trx) => {
      const seenKeys = new Map<string, number>();
      let chunk: ParsedRow[] = [];
      const write = async (rows: ParsedRow[], done: number) => {
        const writing = options.mode === 'partial' || (options.mode === 'all' && report.rejected === 0);
        if (kind === 'enterprises') await enterpriseChunk(trx, actor, rows, writing, report, reject);
        else await recordChunk(trx, actor, kind, rows, writing, report, reject);
        options.onProgress?.(done);
      };
      // The next chunk is read and checked while the database writes this one: on PostgreSQL the
      // two overlap; SQLite writes on this thread, so there it changes nothing. One chunk is
      // written at a time, in file order, and every write is awaited before the transaction ends.
      let pending: Promise<void> = Promise.resolve();
      const flush = async () => {
        const ready = chunk;
        chunk = [];
        await pending;
        pending = write(ready, report.rows);
        // Handled here so a failure waits for the next flush (or the end) without being called unhandled.
        pending.catch(() => undefined);
      };
      // At most QC_IMPORT_MAX_ROWS rows, the header included; an XLSX past that is refused before its first row is parsed.
      const rows = readTable(filePath, { maxUncompressedBytes: 1024 * 2 ** 20, maxRows: ctx.config.importMaxRows });
      const first = await rows.next();
      if (first.done) throw new UnreadableFile('file_empty', '文件中没有内容');
      const header = mapHeader(first.value, columns);
      rejectedFile.header(first.value.cells);
      report.warnings = header.warnings;
      if (header.errors.length) {
        report.errors = header.errors;
        throw new Rollback();
      }
      try {
        for await (const row of rows) {
          if (row.cells.every((c) => c.trim() === '')) continue;
          if (isExample(row, header.noteAt)) {
            report.warnings.push(`第 ${row.line} 行是模板的示例行，已跳过`);
            continue;
          }
          report.rows++;
          const parsed = parseRow(row, header.at, lookups);
          if (kind !== 'enterprises') fillRecordDefaults(kind, parsed.values);
          const key = kind === 'enterprises' ? String(parsed.values.uscc ?? '').toUpperCase() : recordFileKey(kind, parsed.values);
          // A repeated code is reported even on a row with other errors (every error at once).
          if (kind === 'enterprises' ? typeof parsed.values.uscc === 'string' : parsed.errors.length === 0) {
            const earlier = seenKeys.get(key);
            if (earlier !== undefined) {
              const cell =
                kind === 'enterprises'
                  ? { column: columns[0]!.header, value: String(parsed.values.uscc) }
                  : recordKeyCell(kind, parsed.values);
              parsed.errors.push({ line: row.line, ...cell, message: `与第 ${earlier} 行重复` });
            } else {
              seenKeys.set(key, row.line);
            }
          }
          chunk.push(parsed);
          if (chunk.length >= CHUNK) await flush();
        }
        if (chunk.length) await flush();
        await pending;
      } finally {
        // Nothing may reach the transaction after it ends: a failed read waits for the write under way.
        await pending.catch(() => undefined);
      }
      if ((options.mode === 'all' && report.rejected > 0) || options.mode === 'check') throw new Rollback();
      report.written = report.inserted + report.updated > 0;
      await recordAudit(trx, actor, 'archive.import', { type: 'import', id: report.id }, null, {
        kind,
        fileName: options.fileName,
        mode: options.mode,
        rows: report.rows,
        inserted: report.inserted,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
      });
    });
  } catch (err) {
    if (!(err instanceof Rollback)) {
      rejectedFile.discard();
      throw err;
    }
    report.written = false;
    // A check reports what would happen; a refused import reports that nothing did.
    if (options.mode !== 'check') report.inserted = report.updated = report.unchanged = 0;
  }
  if (rejectedFile.close()) report.rejectedFile = `${report.id}-rejected.csv`;
  return report;
}

async function enterpriseChunk(
  trx: Kysely<Database>,
  actor: Actor,
  rows: ParsedRow[],
  writing: boolean,
  report: ImportReport,
  reject: Reject,
) {
  for (const row of rows) {
    // A row's errors are all reported at once: the code and county are checked whatever else is wrong.
    if (typeof row.values.uscc !== 'string') continue;
    // An empty cell means the field's default (no address, 在营, 否…), as a new record would have.
    for (const field in row.values)
      if (row.values[field] === null && field in ENTERPRISE_DEFAULTS) row.values[field] = ENTERPRISE_DEFAULTS[field];
    const check = checkUscc(String(row.values.uscc));
    row.values.uscc = check.code;
    if (!check.shapeOk)
      row.errors.push({
        line: row.line,
        column: '统一社会信用代码',
        value: check.code,
        message: '格式不正确：应为 18 位，不含字母 I、O、S、V、Z',
      });
    else if ((!check.orgCheckOk || !check.usccCheckOk) && !row.values.usccOverrideReason) {
      row.errors.push({
        line: row.line,
        column: '统一社会信用代码',
        value: check.code,
        message: '校验位错误；试点地区旧码请在“校验位例外理由”列说明',
      });
    }
    if (row.values.regionCode && !mayEditInRegion(actor, row.values.regionCode as string)) {
      row.errors.push({ line: row.line, column: '所属县市区', value: String(row.values.regionCode), message: '只能导入本县市区的企业' });
    }
  }
  const codes = rows.filter((r) => typeof r.values.uscc === 'string').map((r) => r.values.uscc as string);
  const existing = codes.length ? await trx.selectFrom('enterprises').selectAll().where('uscc', 'in', codes).execute() : [];
  const byCode = new Map(existing.map((e) => [e.uscc, e]));
  const meta = newRecordMeta(actor.id, new Date().toISOString());
  const inserts: Record<string, unknown>[] = [];
  for (const row of rows) {
    const stored = byCode.get(row.values.uscc as string);
    if (stored) {
      if (stored.deleted_at)
        row.errors.push({ line: row.line, column: '统一社会信用代码', value: stored.uscc, message: '该企业已被删除，不能通过导入恢复' });
      else if (!mayEditInRegion(actor, stored.region_code))
        row.errors.push({ line: row.line, column: '所属县市区', value: stored.region_code, message: '该企业属于其他县市区' });
    }
    if (row.errors.length) {
      reject(row);
      continue;
    }
    if (!stored) {
      report.inserted++;
      if (!writing) continue;
      const v = row.values;
      const record: Record<string, unknown> = { id: uuidv7(), uscc: v.uscc, ...meta };
      for (const c of NEW_ROW_COLUMNS) {
        const value = c.field in v ? v[c.field] : c.fallback;
        record[c.column] = c.flag ? bool(Boolean(value)) : (value ?? null);
      }
      inserts.push(record);
      continue;
    }
    const changes = diff(row.values, stored as never, ENTERPRISE_COLUMN_OF);
    await applyUpdate(
      trx,
      actor,
      {
        update: () => updateEnterpriseVersioned(trx, stored.id, stored.version, changes),
        audited: (r) => auditedEnterprise(actor, r),
        before: stored,
        action: 'enterprise.update',
        subject: { type: 'enterprise', id: stored.id },
      },
      changes,
      writing,
      report,
    );
  }
  if (inserts.length) {
    await insertChunked(trx, 'enterprises', inserts as never);
    await insertEnterpriseSearch(
      trx,
      inserts.map((e) => ({
        enterpriseId: e.id as string,
        name: e.name as string,
        doc: searchDocument([e.name as string, e.uscc as string]),
      })),
    );
  }
}
