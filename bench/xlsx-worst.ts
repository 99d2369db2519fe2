/**
 * `npm run bench -- xlsx-worst`: the spreadsheets a hostile or careless upload can send, through
 * the archive import (check mode, SQLite), each in a fresh process so its peak RSS is its own:
 *  - bomb: a ~4 MB XLSX whose sheet inflates to ~800 MB (issue 17: 44.6 s and 670 MB before);
 *  - dense: a ~13 MB XLSX of 1.8 M long rows inflating to ~800 MB, within every limit: read in full;
 *  - rows: a ~20 MB XLSX of 3,000,000 rows, over the 2,000,000-row limit (32.6 s and 1.48 GB before);
 * against the baseline measured in the same run: a normal 10,000-row template file, read in full.
 * Measured: time from the call to the answer (refusal or report) and peak RSS (and its growth over
 * the process's RSS once the database is open). BENCH_REPEATS (default 5) runs of each; medians.
 * The files are built once in bench/tmp/ (git-ignored).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import pino from 'pino';
import { systemActor } from '../src/server/authz/actor';
import { loadConfig } from '../src/server/config';
import ExcelJS from '../src/server/lib/tabular/exceljs';
import { readZipDirectory } from '../src/server/lib/tabular/zip';
import { makeUscc } from '../src/server/lib/uscc';
import { importFile } from '../src/server/modules/enterprises/import/importer';
import { benchDatabase, machine, median, record } from './lib';
import { makeContext } from '../src/server/context';

const TMP = path.resolve('bench/tmp');
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

interface Measure {
  ms: number;
  peakMb: number;
  grownMb: number;
  outcome: string;
}

/** A ZIP written member by member, each deflated from a stream of chunks; sizes and CRC patched into the local header after. */
function writeZip(file: string, members: { name: string; chunks: () => Iterable<string> }[]) {
  const fd = fs.openSync(file, 'w');
  let at = 0;
  const write = (buf: Buffer, position?: number) => {
    fs.writeSync(fd, buf, 0, buf.length, position ?? at);
    if (position === undefined) at += buf.length;
  };
  const central: Buffer[] = [];
  for (const m of members) {
    const name = Buffer.from(m.name);
    const offset = at;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    write(local);
    write(name);
    let crc = 0;
    let size = 0;
    let compressed = 0;
    // Deflated in pieces of ~16 MB, each ended by a sync flush and only the last final (as pigz
    // does): the pieces concatenate into one valid deflate stream, and memory stays small.
    let pending: string[] = [];
    let pendingBytes = 0;
    const flush = (last: boolean) => {
      const data = Buffer.from(pending.join(''));
      pending = [];
      pendingBytes = 0;
      crc = zlib.crc32(data, crc);
      size += data.length;
      const out = zlib.deflateRawSync(data, last ? {} : { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      compressed += out.length;
      write(out);
    };
    for (const chunk of m.chunks()) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes > 16 * 2 ** 20) flush(false);
    }
    flush(true);
    const sizes = Buffer.alloc(12);
    sizes.writeUInt32LE(crc >>> 0, 0);
    sizes.writeUInt32LE(compressed, 4);
    sizes.writeUInt32LE(size, 8);
    write(sizes, offset + 14);
    local.writeUInt16LE(name.length, 26);
    write(local.subarray(26, 28), offset + 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    sizes.copy(dir, 16);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
  }
  const dirStart = at;
  for (const b of central) write(b);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(at - dirStart, 12);
  end.writeUInt32LE(dirStart, 16);
  write(end);
  fs.closeSync(fd);
}

/** The parts of a one-sheet workbook around a sheet whose rows come from `rows`. */
function workbook(file: string, rows: () => Iterable<string>) {
  const header = `<row r="1">${['统一社会信用代码', '企业名称', '所属县市区', '行业'].map((h, i) => `<c r="${'ABCD'[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;
  writeZip(file, [
    {
      name: '[Content_Types].xml',
      chunks: () => [
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ],
    },
    {
      name: '_rels/.rels',
      chunks: () => [
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ],
    },
    {
      name: 'xl/workbook.xml',
      chunks: () => [
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="企业" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ],
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: () => [
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ],
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      chunks: function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${header}`;
        yield* rows();
        yield '</sheetData></worksheet>';
      },
    },
  ]);
}

/**
 * ~800 MB of rows of one long repeated cell. `numbered` rows carry r="…" (deflates ~60×: under
 * the ratio limit, under the row limit, so it is read in full); without, the rows are identical
 * and deflate ~1000×, as the probe's 1.9 MB → 799 MB file did.
 */
function* bombRows(numbered: boolean) {
  const text = 'A'.repeat(400);
  let batch: string[] = [];
  for (let r = 2, bytes = 0; bytes < 800 * 2 ** 20; r++) {
    const row = numbered
      ? `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${text}</t></is></c></row>`
      : `<row><c t="inlineStr"><is><t>${text}</t></is></c></row>`;
    bytes += row.length;
    batch.push(row);
    if (batch.length === 2000) {
      yield batch.join('');
      batch = [];
    }
  }
  yield batch.join('');
}

/** 3,000,000 short rows (one number each). */
function* longRows() {
  let batch: string[] = [];
  for (let r = 2; r <= 3_000_001; r++) {
    batch.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    if (batch.length === 10_000) {
      yield batch.join('');
      batch = [];
    }
  }
  yield batch.join('');
}

async function baseline(file: string) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('企业');
  sheet.addRow(['统一社会信用代码', '企业名称', '所属县市区', '行业', '地址', '成立日期']).commit();
  for (let i = 0; i < 10_000; i++) {
    sheet
      .addRow([
        makeUscc('91', '431002', `MB${String(i).padStart(6, '0')}`),
        `郴州市基准测试${i}有限公司`,
        '北湖区',
        '有色冶金',
        `郴州市北湖区人民路${i}号`,
        '2010/3/5',
      ])
      .commit();
  }
  sheet.commit();
  await book.commit();
}

const CASES = [
  { name: 'baseline: 10,000 rows', file: 'baseline-10k.xlsx', build: baseline, repeats: REPEATS },
  {
    name: 'bomb: 1,900,000 identical rows, ~800 MB inflated',
    file: 'bomb-800mb.xlsx',
    build: async (f: string) => workbook(f, () => bombRows(false)),
    repeats: REPEATS,
  },
  { name: 'rows: 3,000,000 rows', file: 'rows-3m.xlsx', build: async (f: string) => workbook(f, longRows), repeats: REPEATS },
  // Read in full (within every limit): the time is the parse's; the memory must stay flat.
  {
    name: 'dense: 1,800,000 numbered rows of 400 characters, ~800 MB inflated',
    file: 'dense-800mb.xlsx',
    build: async (f: string) => workbook(f, () => bombRows(true)),
    repeats: Math.min(REPEATS, 3),
  },
];

/** In the child: one import of one file, measured. */
async function child(file: string) {
  const { db, dir, drop } = await benchDatabase('xlsx_worst');
  try {
    const config = { ...loadConfig({ QC_LOG_LEVEL: 'silent' }), dataDir: dir };
    const startRss = process.memoryUsage().rss;
    const t0 = performance.now();
    let outcome: string;
    try {
      const r = await importFile(makeContext(db.kysely, config, pino({ level: 'silent' })), systemActor('cli'), 'enterprises', file, {
        mode: 'check',
        fileName: path.basename(file),
      });
      outcome = `read ${r.rows} rows, ${r.rejected} rejected`;
    } catch (err) {
      outcome = `${(err as { code?: string }).code ?? 'error'}: ${(err as Error).message}`;
    }
    const ms = performance.now() - t0;
    const peak = process.resourceUsage().maxRSS * 1024;
    process.send!({ ms, peakMb: peak / 2 ** 20, grownMb: Math.max(0, peak - startRss) / 2 ** 20, outcome } satisfies Measure);
  } finally {
    await drop();
  }
}

function measure(file: string): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const proc = fork(path.resolve('bench/xlsx-worst.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_XLSX_CHILD: file },
      stdio: 'inherit',
    });
    let result: Measure | undefined;
    proc.on('message', (m) => (result = m as Measure));
    proc.on('exit', (code) => (result ? resolve(result) : reject(new Error(`child exited with ${code}`))));
  });
}

export async function benchXlsxWorst(): Promise<void> {
  fs.mkdirSync(TMP, { recursive: true });
  const lines = [
    `# Worst-case spreadsheets through the archive import — ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Machine: ${machine()} (shared with other jobs, noisy). ${REPEATS} runs each (the dense file ${Math.min(REPEATS, 3)}), a fresh process per run; medians. Archive import in check mode on SQLite.`,
    '',
  ];
  lines.push(
    '| file | size | declared inflated | answer | time (median, ms) | peak RSS (median, MB) | RSS growth (median, MB) | runs (ms) |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const c of CASES) {
    const file = path.join(TMP, c.file);
    if (!fs.existsSync(file)) {
      const t0 = Date.now();
      await c.build(file);
      console.log(`built ${c.file} (${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const zip = await readZipDirectory(file);
    const runs: Measure[] = [];
    for (let i = 0; i < c.repeats; i++) runs.push(await measure(file));
    const row = `| ${c.name} | ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB | ${zip.ok ? (zip.uncompressed / 2 ** 20).toFixed(0) : '?'} MB | ${runs[0]!.outcome} | ${median(runs.map((r) => r.ms)).toFixed(0)} | ${median(runs.map((r) => r.peakMb)).toFixed(0)} | ${median(runs.map((r) => r.grownMb)).toFixed(0)} | ${runs.map((r) => r.ms.toFixed(0)).join(', ')} |`;
    console.log(row);
    lines.push(row);
  }
  lines.push(
    '',
    'Before this change (issue 17, the probe over HTTP): the bomb took 44.6 s and 670 MB, the 3 M-row file 32.6 s and 1.48 GB.',
  );
  console.log(`results: ${record('xlsx-worst', `${lines.join('\n')}\n`)}`);
}

if (process.env.BENCH_XLSX_CHILD) {
  child(process.env.BENCH_XLSX_CHILD).then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
