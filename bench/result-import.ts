/**
 * `npm run bench -- result-import`: importing a published result table (national or provincial
 * notice) into a plan, over an archive of BENCH_ARCHIVE (default 1,000,000) demo enterprises.
 * BENCH_RESULT_ROWS rows (default 1,000,000) arrive as tables of at most 100,000 rows (the most
 * one import takes), each previewed and confirmed in turn: 60 % name the producer's USCC, 30 %
 * only its exact name, 10 % a firm not on the archive (the look-alike search runs for those).
 * Measured: the previews (read, check, match every row) and the confirmations (write the cases,
 * items, events and counts) in rows/s, against the raw insert of the same number of finished
 * case rows in the same run.
 * Goal (issue 5): rows/s against the raw-insert baseline, recorded.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { systemActor } from '../src/server/authz/actor';
import { loadConfig } from '../src/server/config';
import { insertChunked } from '../src/server/db/bulk';
import { bool } from '../src/server/db/portable';
import { uuidv7 } from '../src/server/lib/ids';
import { Random } from '../src/server/lib/random';
import { demoEnterprise } from '../src/server/modules/enterprises/demo-data';
import { enterpriseService } from '../src/server/modules/enterprises/enterprises.service';
import { seedArchive } from '../src/server/modules/enterprises/seed';
import { resultImportService } from '../src/server/modules/inspections/result-import.service';
import { benchDatabase, machine, record } from './lib';
import { makeContext } from '../src/server/context';

const ARCHIVE = Number(process.env.BENCH_ARCHIVE ?? 1_000_000);
const ROWS = Number(process.env.BENCH_RESULT_ROWS ?? 1_000_000);
const TABLE = 100_000;
const SEED = 2010;

export async function benchResultImport(): Promise<void> {
  const { db, dir, drop } = await benchDatabase('result_import');
  try {
    let t0 = Date.now();
    await seedArchive(db.kysely, systemActor('cli'), { enterprises: ARCHIVE, seed: SEED, details: false });
    console.log(`archive of ${ARCHIVE} enterprises in ${((Date.now() - t0) / 1000).toFixed(0)} s (${db.dialect})`);
    const category =
      (await db.kysely.selectFrom('product_categories').select('code').where('name', '=', '电线电缆').executeTakeFirst())?.code ??
      (await db.kysely.selectFrom('product_categories').select('code').executeTakeFirstOrThrow()).code;
    const now = new Date().toISOString();
    const plan = {
      id: uuidv7(),
      year: 2025,
      level: 'provincial',
      title: '2025 年湖南省产品质量监督抽查',
      department_code: 'quality',
      region_code: '430000',
      categories: JSON.stringify([{ categoryCode: category, plannedBatches: ROWS, testItems: ['项目'] }]),
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: null,
    };
    await insertChunked(db.kysely, 'inspection_plans', [plan]);

    const r = new Random(5);
    const header = '产品名称,商标,规格型号,生产日期/批号,受检单位,标称生产企业,统一社会信用代码,检验结论,不合格项目,检验机构,抽样日期';
    const files: string[] = [];
    for (let start = 0; start < ROWS; start += TABLE) {
      const lines = [header];
      for (let i = start; i < Math.min(ROWS, start + TABLE); i++) {
        const e = demoEnterprise(SEED, r.int(0, ARCHIVE - 1));
        const kind = r.int(1, 10);
        const producer = kind === 10 ? `外省某电缆制造有限公司${i}` : e.name;
        const failed = r.chance(0.1);
        lines.push(
          [
            '电线电缆',
            '',
            `M-${i}`,
            '2025-03',
            '某商场',
            producer,
            kind <= 6 ? e.uscc : '',
            failed ? '不合格' : '合格',
            failed ? '导体电阻' : '',
            '湖南省检验院',
            '2025-05-10',
          ].join(','),
        );
      }
      files.push(path.join(dir, `province-${files.length + 1}.csv`));
      fs.writeFileSync(files.at(-1)!, `${lines.join('\n')}\n`);
    }

    const ctx = makeContext(db.kysely, { ...loadConfig({ QC_LOG_LEVEL: 'silent' }), dataDir: dir }, pino({ level: 'silent' }));
    const imports = resultImportService(ctx, enterpriseService(ctx));
    const city = { ...systemActor('cli'), role: 'city_officer' as const };
    let previewSeconds = 0;
    let confirmSeconds = 0;
    const counts = { matched: 0, candidates: 0, unmatched: 0, written: 0 };
    for (const file of files) {
      t0 = performance.now();
      const proposed = await imports.preview(
        city,
        plan.id,
        { stream: fs.createReadStream(file), fileName: path.basename(file) },
        '湖南省市场监督管理局',
      );
      // The table has no category column: the officer names the table's category, and it is read again.
      const preview = await imports.update(city, proposed.id, proposed.revision, { ...proposed.settings, tableCategory: category });
      previewSeconds += (performance.now() - t0) / 1000;
      t0 = performance.now();
      const done = await imports.confirm(city, preview.id, preview.revision, []);
      confirmSeconds += (performance.now() - t0) / 1000;
      counts.matched += preview.counts.matched;
      counts.candidates += preview.counts.candidates;
      counts.unmatched += preview.counts.unmatched;
      counts.written += done.linked + done.unlinked;
      console.log(`  ${path.basename(file)}: preview ${previewSeconds.toFixed(0)} s, confirm ${confirmSeconds.toFixed(0)} s so far`);
    }

    // Baseline: the same number of finished case rows, inserted as they are.
    const template = await db.kysely.selectFrom('inspections').selectAll().where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
    let rawSeconds = 0;
    for (let start = 0; start < ROWS; start += TABLE) {
      const raw = Array.from({ length: Math.min(TABLE, ROWS - start) }, (_, i) => ({
        ...template,
        listed: bool(true),
        id: uuidv7(),
        document_no: `RAW-${start + i}`,
        model: `R-${start + i}`,
      }));
      t0 = performance.now();
      await db.kysely.transaction().execute((trx) => insertChunked(trx, 'inspections', raw));
      rawSeconds += (performance.now() - t0) / 1000;
    }

    const rate = (s: number) => Math.round(ROWS / s);
    const table = [
      '| step | seconds | rows/s | raw insert rows/s | ratio |',
      '|---|---|---|---|---|',
      `| previews: read, check and match ${ROWS} rows in ${files.length} tables (matched ${counts.matched}, look-alikes ${counts.candidates}, unmatched ${counts.unmatched}) | ${previewSeconds.toFixed(1)} | ${rate(previewSeconds)} | ${rate(rawSeconds)} | ${(rate(previewSeconds) / rate(rawSeconds)).toFixed(3)} |`,
      `| confirmations: write ${counts.written} cases with items, events, counts | ${confirmSeconds.toFixed(1)} | ${rate(confirmSeconds)} | ${rate(rawSeconds)} | ${(rate(confirmSeconds) / rate(rawSeconds)).toFixed(2)} |`,
      `| whole import (preview + confirm) | ${(previewSeconds + confirmSeconds).toFixed(1)} | ${rate(previewSeconds + confirmSeconds)} | ${rate(rawSeconds)} | ${(rate(previewSeconds + confirmSeconds) / rate(rawSeconds)).toFixed(3)} |`,
    ].join('\n');
    console.log(`\n${table}\n`);
    console.log(
      `recorded in ${record(`result-import-${db.dialect}`, `# Result-table import benchmark (${db.dialect}) — ${new Date().toISOString()}\n\nMachine: ${machine()}\n\nArchive of ${ARCHIVE} enterprises; ${ROWS} rows in tables of at most ${TABLE}.\n\n${table}\n`)}`,
    );
  } finally {
    await drop();
  }
}
