import { REGION_CODE_PATTERN } from '../../../contract/schemas/common';
import { REGION_LEVELS, type RegionLevel } from '../../../contract/schemas/reference';
import type { TableRow } from '../../lib/tabular/read';

/** One region of a bureau's region file: GB/T 2260 above the township, GB/T 10114 below. */
export interface RegionEntry {
  code: string;
  name: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** Header cell → field; the English names of the columns or their Chinese labels. */
const HEADERS: Record<string, keyof RegionEntry> = {
  code: 'code',
  代码: 'code',
  区划代码: 'code',
  name: 'name',
  名称: 'name',
  name_en: 'nameEn',
  英文名称: 'nameEn',
  level: 'level',
  级别: 'level',
  parent_code: 'parentCode',
  上级代码: 'parentCode',
};
/** A header is looked for in this many rows from the top (title, date, unit lines above it). */
const HEADER_SEARCH_ROWS = 10;
const LEVEL_LABELS: Record<string, RegionLevel> = {
  省: 'province',
  地级市: 'city',
  市辖区: 'district',
  县: 'county',
  县级市: 'county_city',
  乡镇街道: 'township',
  村社区: 'village',
};

/**
 * Reads a region file into entries ordered parents before children, or the problems by line.
 * The header is the first row that names a code column, below any title rows a bureau's table has.
 * Parents must be in the file or already loaded (`known`).
 */
export function parseRegionFile(rows: TableRow[], known: ReadonlySet<string>): { entries: RegionEntry[]; problems: string[] } {
  const fieldsOf = (row: TableRow | undefined) => (row?.cells ?? []).map((c) => HEADERS[c.trim().toLowerCase()] ?? HEADERS[c.trim()]);
  const at = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => fieldsOf(row).includes('code'));
  const header = rows[Math.max(at, 0)];
  const body = rows.slice(Math.max(at, 0) + 1);
  const problems: string[] = [];
  const fields = fieldsOf(header);
  for (const need of ['code', 'name', 'level', 'parentCode'] as const) {
    if (!fields.includes(need)) problems.push(`表头缺少列 ${need === 'parentCode' ? 'parent_code' : need}`);
  }
  if (problems.length) return { entries: [], problems };
  const codeShape = new RegExp(REGION_CODE_PATTERN);
  const entries = new Map<string, RegionEntry & { line: number }>();
  for (const row of body) {
    const get = (f: keyof RegionEntry) => (row.cells[fields.indexOf(f)] ?? '').trim();
    if (row.cells.every((c) => !c.trim())) continue;
    const levelRaw = get('level');
    const level = (REGION_LEVELS as readonly string[]).includes(levelRaw) ? (levelRaw as RegionLevel) : LEVEL_LABELS[levelRaw];
    const entry = {
      code: get('code'),
      name: get('name'),
      nameEn: fields.includes('nameEn') ? get('nameEn') : '',
      level: level!,
      parentCode: get('parentCode') || null,
      line: row.line,
    };
    const bad = [
      !codeShape.test(entry.code) && `代码 ${entry.code || '（空）'} 不是 6、9 或 12 位数字`,
      !entry.name && '名称为空',
      !level && `级别 ${levelRaw || '（空）'} 无法识别`,
      entry.parentCode !== null && !codeShape.test(entry.parentCode) && `上级代码 ${entry.parentCode} 不是区划代码`,
      entries.has(entry.code) && `代码 ${entry.code} 重复`,
    ].filter(Boolean);
    if (bad.length) problems.push(`第 ${row.line} 行：${bad.join('；')}`);
    else entries.set(entry.code, entry);
  }
  // Parents first: a region is written after the region above it.
  const ordered: RegionEntry[] = [];
  const placed = new Set<string>();
  const place = (e: RegionEntry & { line: number }, path: string[]) => {
    if (placed.has(e.code)) return;
    if (path.includes(e.code)) return void problems.push(`第 ${e.line} 行：上级关系成环（${[...path, e.code].join(' → ')}）`);
    const parent = e.parentCode ? entries.get(e.parentCode) : undefined;
    if (parent) place(parent, [...path, e.code]);
    else if (e.parentCode && !known.has(e.parentCode))
      return void problems.push(`第 ${e.line} 行：上级代码 ${e.parentCode} 不在文件中，也未载入`);
    placed.add(e.code);
    const { line: _line, ...plain } = e;
    ordered.push(plain);
  };
  for (const e of entries.values()) place(e, []);
  return { entries: problems.length ? [] : ordered, problems };
}
