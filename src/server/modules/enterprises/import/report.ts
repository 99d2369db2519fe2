import { csvAppender } from '../../../lib/tabular/write';

/** One problem with one cell (or a whole row when column is empty), as the verification report lists it. */
export interface RowError {
  line: number;
  column: string;
  value: string;
  message: string;
}

/** The rejected rows of an import, each with its reasons in a last column, as UTF-8 CSV with a BOM (opens in Excel), written as they are found. */
export function rejectedRowsFile(path: string) {
  let out: ReturnType<typeof csvAppender> | null = null;
  let width = 0;
  return {
    /** The file's own header row, once read: every rejected row is written in its columns. */
    header(headers: string[]) {
      width = headers.length;
      out = csvAppender(path, [...headers, '错误说明']);
    },
    add(cells: string[], errors: RowError[]) {
      out!.add([
        ...Array.from({ length: width }, (_, i) => cells[i] ?? ''),
        errors.map((e) => `${e.column ? `${e.column}：` : ''}${e.message}`).join('；'),
      ]);
    },
    /** True if any row was rejected (the file exists). */
    close: () => out?.close() ?? false,
    discard: () => out?.discard(),
  };
}
