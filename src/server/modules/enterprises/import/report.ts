import { writeTable } from '../../../lib/tabular/write';

/** One problem with one cell (or a whole row when column is empty), as the verification report lists it. */
export interface RowError {
  line: number;
  column: string;
  value: string;
  message: string;
}

/** Writes rejected rows, each with its reasons in a last column, as UTF-8 CSV with a BOM (opens in Excel). */
export async function writeRejectedFile(path: string, headers: string[], rejected: { cells: string[]; errors: RowError[] }[]): Promise<void> {
  const rows = rejected.map(({ cells, errors }) => [...headers.map((_, i) => cells[i] ?? ''), errors.map((e) => `${e.column ? `${e.column}：` : ''}${e.message}`).join('；')]);
  await writeTable(path, 'csv', [...headers, '错误说明'], rows);
}
