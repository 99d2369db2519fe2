import type { EnterpriseListQuery } from '../../../../contract/schemas/enterprises';
import type { Actor } from '../../../authz/actor';
import type { AppContext } from '../../../context';
import { writeTable, type ExportFormat } from '../../../lib/tabular/write';
import type { EnterpriseService } from '../enterprises.service';
import { COLUMNS, EXAMPLE_NOTE, loadLookups, NOTE_HEADER, type ImportKind } from './importer';
import { recordExportRows } from './records-import';

export type { ExportFormat };

/**
 * Exports the enterprises a list query selects (the same filters and scope), or one kind of
 * their records, in the import template's columns: the file re-imports with no changes.
 */
export async function exportArchive(
  ctx: AppContext,
  enterprises: EnterpriseService,
  actor: Actor,
  kind: ImportKind,
  query: EnterpriseListQuery,
  format: ExportFormat,
  file: string,
): Promise<number> {
  const lookups = await loadLookups(ctx.db);
  const columns = COLUMNS[kind];
  let count = 0;
  async function* pages(): AsyncGenerator<string[][]> {
    let after: string | undefined;
    do {
      const page = await enterprises.list(actor, { ...query, limit: 500, after });
      const items: Record<string, unknown>[] = kind === 'enterprises' ? page.items : await recordExportRows(ctx.db, kind, page.items);
      yield items.map((values) => columns.map((c) => c.format(values[c.field], lookups)));
      count += items.length;
      after = page.meta.nextCursor ?? undefined;
    } while (after);
  }
  await writeTable(
    file,
    format,
    columns.map((c) => c.header),
    pages(),
  );
  return count;
}

/** An empty template: the headers, and one example row so officers see the expected forms, marked in the note column so the import skips it. */
export async function writeTemplate(kind: ImportKind, format: ExportFormat, file: string): Promise<void> {
  const example: Record<ImportKind, string[]> = {
    enterprises: [
      '914310004652594268',
      '郴州市示例有限公司',
      '北湖区',
      '有色冶金',
      '湖南省郴州市北湖区人民路1号',
      '张三',
      '李四',
      '0735-2222222',
      '2010/3/5',
      '在营',
      '是',
      '否',
      '否',
      '否',
      '否',
      '无',
      '',
    ],
    'former-names': ['914310004652594268', '郴州市示例工贸有限公司', '2005/6/1', '2010/3/4'],
    associations: ['914310004652594268', '郴州市质量协会', '理事单位', '2012/5/1'],
    'yearly-figures': ['914310004652594268', '2024', '12,000万元', '1500万元', '118000000', '0', '900万元', '320'],
    products: ['914310004652594268', '电解铅', '郴铅', 'Pb99.994', '有色金属及合金制品', '是', '是', '否', '是'],
    standards: ['914310004652594268', '电解铅', '郴铅', 'Pb99.994', 'GB/T 469-2013', '国家标准', '不采标', ''],
    certifications: ['914310004652594268', 'ISO 9001', '', '00124Q30001R2M', '中国质量认证中心', '2024/1/10', '2027/1/9', '有效'],
    licences: ['914310004652594268', '（湘）XK13-001-00001', '电线电缆', '2022/6/1', '', '有效'],
    'quality-staff': ['914310004652594268', '王五', '质量负责人', '高级工程师', '0735-2222223'],
  };
  const columns = COLUMNS[kind];
  const row = [...columns.map((_, i) => example[kind][i] ?? ''), EXAMPLE_NOTE];
  await writeTable(file, format, [...columns.map((c) => (c.required ? `${c.header}*` : c.header)), NOTE_HEADER], [row]);
}
