import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ResultImportSettings, ResultField } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { coreName, nameSimilarity, offered } from '../../lib/firm-names';
import { uuidv7 } from '../../lib/ids';
import { oneParseAtATime } from '../../lib/tabular/parse-slot';
import { readTable, UnreadableFile, type TableRow } from '../../lib/tabular/read';
import { recordAudit } from '../audit/audit.service';
import type { EnterpriseService } from '../enterprises/enterprises.service';
import { findPlan } from './inspections.repository';
import {
  activeCategories,
  firmsByUscc,
  firmsNamed,
  importsOfPlan,
  knownIssuers,
  rememberedMapping,
  rememberMapping,
  writeImport,
  type ArchiveFirm,
  type ImportedCase,
} from './result-import.repository';
import { noticeTotals } from './result-table.cells';
import { findHeader, HEADER_SEARCH_ROWS, isHeaderLike, itemParts, normalizeHeader, type HeaderFound } from './result-table.headers';
import { batchReader, type Batch } from './result-table.rows';
import { countFinalVerdicts } from './stats.repository';

const MAX_ROWS = 100_000;
/** An unconfirmed import's upload and preview are kept this long, then removed. */
const KEEP_HOURS = 24;

interface Candidate extends ArchiveFirm {
  score?: number;
}
type Status = 'matched' | 'candidates' | 'unmatched' | 'disputed' | 'no_producer' | 'error';
interface PreviewBatch extends Batch {
  line: number;
  status: Status;
  match: Candidate | null;
  candidates: Candidate[];
}
interface Session {
  id: string;
  actorId: string | null;
  planId: string;
  fileName: string;
  revision: number;
  settings: ResultImportSettings;
  header: HeaderFound;
  /** The text above the header: the notice's title, 附件 line, 声明. */
  title: string[];
  batches: PreviewBatch[];
  rows: number;
}

/**
 * Imports a published result table (a national, provincial or district notice, or a 不合格产品名单)
 * into a plan as it was published. Upload → the header is found below titles and notes, each
 * column is proposed a field (from the issuer's last confirmed mapping, else from the headers'
 * synonyms) → the officer corrects the mapping and the notice's facts (issuer, date, totals, the
 * year to count in, categories) and sees every batch read through them, each producer matched by
 * USCC or exact name, or offered look-alikes to choose from → confirm writes the cases. Nothing is
 * linked by guess, no verdict or category is assumed, and the notice's own totals are kept.
 */
export function resultImportService(ctx: AppContext, enterprises: EnterpriseService) {
  const { db } = ctx;
  const dir = () => {
    const d = path.join(ctx.config.dataDir, 'imports');
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const uploadFile = (id: string) => path.join(dir(), `${id}.upload`);
  const sessionFile = (id: string) => path.join(dir(), `${id}.result-import.json`);
  const save = (s: Session) => fs.writeFileSync(sessionFile(s.id), JSON.stringify(s));
  function load(actor: Actor, id: string): Session {
    if (!/^[0-9a-f-]{36}$/.test(id) || !fs.existsSync(sessionFile(id))) throw new AppError('not_found');
    const s = JSON.parse(fs.readFileSync(sessionFile(id), 'utf8')) as Session;
    // Another officer's import is not theirs to see or confirm.
    if (s.actorId !== actor.id) throw new AppError('not_found');
    return s;
  }
  function removeExpired() {
    const before = Date.now() - KEEP_HOURS * 3_600_000;
    for (const f of fs.readdirSync(dir())) {
      const file = path.join(dir(), f);
      if (/\.(upload|result-import\.json)$/.test(f) && fs.statSync(file).mtimeMs < before) fs.rmSync(file, { force: true });
    }
  }
  async function plan(actor: Actor, id: string) {
    const row = await findPlan(db, id);
    if (!row) throw new AppError('not_found');
    return row;
  }
  // MAX_ROWS data rows under a title and header of up to HEADER_SEARCH_ROWS rows.
  const readLimits = () => ({ maxUncompressedBytes: 512 * 2 ** 20, maxRows: MAX_ROWS + HEADER_SEARCH_ROWS });

  /** The first rows (to find the header in) and then every row after them, streamed. */
  async function* rowsOf(file: string): AsyncGenerator<TableRow> {
    try {
      yield* readTable(file, readLimits());
    } catch (err) {
      if (err instanceof UnreadableFile) throw new AppError(err.code, [{ message: err.message }]);
      throw err;
    }
  }

  /**
   * Reads the table through the session's settings and matches its producers: the preview; and
   * on the way, the first values of each column below the header, for the officer to see.
   */
  async function compute(actor: Actor, s: Session): Promise<{ session: Session; samples: Map<number, string[]> }> {
    const categories = await activeCategories(db);
    const byText = categoryIndex(categories);
    const settings = s.settings;
    const fields = new Map(settings.columns.filter((c) => c.field).map((c) => [c.index, c.field as ResultField]));
    const itemColumn = settings.columns.find((c) => c.field === 'failedItems');
    const parts = itemColumn ? itemParts(s.header.columns.find((c) => c.index === itemColumn.index)?.header ?? '') : null;
    const reader = batchReader({
      fields,
      itemParts: parts,
      categoryOf: (raw) => settings.categoryMap[raw.trim()] ?? byText.get(normalizeHeader(raw)) ?? null,
      tableCategory: settings.tableCategory,
      tablePlace: settings.tablePlace,
      failuresOnly: settings.kind === 'failures_only',
    });
    let count = 0;
    const firstData = s.header.at + s.header.height;
    const samples = new Map<number, string[]>();
    let index = 0;
    for await (const row of rowsOf(uploadFile(s.id))) {
      const at = index++;
      if (at < firstData) continue;
      // Samples: the first three values of each column in the 21 rows below the header.
      if (at <= firstData + 20 && !isHeaderLike(row.cells)) {
        row.cells.forEach((c, i) => {
          const list = samples.get(i) ?? [];
          if (c.trim() && list.length < 3) list.push(c.trim().slice(0, 40));
          samples.set(i, list);
        });
      }
      if (at === firstData && isHeaderLike(row.cells)) continue;
      if (row.cells.every((c) => c.trim() === '')) continue;
      count++;
      reader.add(row);
    }
    const read = reader.done();
    // The archive's firms for every producer at once: by USCC, and by name where the USCC finds none.
    const named = read.filter((b) => !b.errors.length && b.producer);
    const byUscc = await firmsByUscc(
      db,
      named.flatMap((b) => (b.uscc ? [b.uscc] : [])),
    );
    const byName = await firmsNamed(db, [
      ...named.filter((b) => !(b.uscc && byUscc.has(b.uscc))).map((b) => b.producer!),
      ...named.flatMap((b) => b.parties.filter((p) => p.role === 'commissioner').map((p) => p.name)),
    ]);
    const searched = new Map<string, Promise<Candidate[]>>();
    const matched = new Map<string, Promise<Pick<PreviewBatch, 'status' | 'match' | 'candidates'>>>();
    const batches: PreviewBatch[] = [];
    for (const b of read) {
      const base = { ...b, line: b.lines[0]! };
      if (b.errors.length) batches.push({ ...base, status: 'error', match: null, candidates: [] });
      else if (!b.producer) batches.push({ ...base, status: 'no_producer', match: null, candidates: [] });
      else {
        const byCode = b.uscc ? byUscc.get(b.uscc) : undefined;
        const exact = byCode ? [byCode] : (byName.get(b.producer) ?? []);
        // A maker off the archive working for commissioners (委托方) on it: those are offered instead.
        const forWhom = b.parties.filter((p) => p.role === 'commissioner').flatMap((p) => byName.get(p.name) ?? []);
        const key = `${b.producer}|${b.uscc ?? ''}|${b.disputed}|${forWhom.map((f) => f.id).join()}`;
        if (!matched.has(key)) matched.set(key, matchProducer(actor, b.producer, exact, forWhom, b.disputed, searched));
        batches.push({ ...base, ...(await matched.get(key)!) });
      }
    }
    return { session: { ...s, batches, rows: count }, samples };
  }

  /**
   * The producer: the firm of its USCC, else of its exact (or former) name (`exact`, looked up for
   * the whole table), else look-alikes for a person to choose. A remark that disputes the producer
   * turns a match into a candidate: a person decides. A maker off the archive that made the batch
   * for a commissioner (委托方) on it offers the commissioner (`forWhom`): the local firm answerable
   * for the product, but whose case it is stays the officer's choice.
   */
  async function matchProducer(
    actor: Actor,
    name: string,
    exact: ArchiveFirm[],
    forWhom: ArchiveFirm[],
    disputed: boolean,
    searched: Map<string, Promise<Candidate[]>>,
  ): Promise<Pick<PreviewBatch, 'status' | 'match' | 'candidates'>> {
    if (exact.length === 1 && !disputed) return { status: 'matched', match: exact[0]!, candidates: [] };
    if (exact.length >= 1)
      return { status: disputed ? 'disputed' : 'candidates', match: null, candidates: exact.map((c) => ({ ...c, score: 1 })) };
    if (forWhom.length)
      return { status: disputed ? 'disputed' : 'candidates', match: null, candidates: forWhom.map((c) => ({ ...c, score: 1 })) };
    // Look-alikes: firms whose trade name shares its first or last two characters, scored on trade names.
    const core = [...coreName(name)];
    const terms = core.length >= 2 ? [...new Set([core.slice(0, 2).join(''), core.slice(-2).join('')])] : [];
    const search = (q: string) => {
      if (!searched.has(q))
        searched.set(
          q,
          enterprises
            .list(actor, { q, limit: 50 })
            .then((r) => r.items.map((e) => ({ id: e.id, name: e.name, uscc: e.uscc, regionCode: e.regionCode }))),
        );
      return searched.get(q)!;
    };
    const found = (await Promise.all(terms.map(search))).flat();
    const candidates = found
      .filter((c, i, all) => all.findIndex((x) => x.id === c.id) === i)
      .map((c) => ({ ...c, score: nameSimilarity(name, c.name) }))
      .filter((c) => offered(c.score))
      .sort((a, b) => b.score - a.score)
      .slice(0, 3);
    return candidates.length
      ? { status: disputed ? 'disputed' : 'candidates', match: null, candidates }
      : { status: 'unmatched', match: null, candidates: [] };
  }

  /** What still keeps the import from being confirmed, and what the officer should know. */
  function review(s: Session, planYear: number) {
    const st = s.settings;
    const problems: { code: string; message: string }[] = [];
    const warnings: string[] = [];
    const mapped = new Set(st.columns.map((c) => c.field).filter(Boolean));
    const need = (ok: boolean, code: string, message: string) => ok || problems.push({ code, message });
    const listed = s.batches.filter((b) => b.status !== 'error');
    const unqualified = listed.filter((b) => b.verdict === 'unqualified').length;
    need(mapped.has('productName'), 'column_product', '请指定“产品名称”所在的列');
    need(mapped.has('producer') || mapped.has('sampledUnit'), 'column_party', '请指定“标称生产企业”或“被抽样单位”所在的列');
    need(
      mapped.has('result') || st.kind === 'failures_only',
      'list_kind',
      '本表没有“检验结论”列：如为不合格产品名单，请确认“每行均为不合格”；否则请指定检验结论列',
    );
    // A failures list that prints a 结论 column reads as a whole table that failed: counted so, its
    // batches would be the pass rate's whole denominator. The officer says which it is.
    if (mapped.has('result') && st.kind === null && listed.length > 0 && unqualified === listed.length) {
      need(false, 'list_kind', '表中所列批次均为不合格：请确认本表是“不合格产品名单”（并填写公告的抽查总批次），还是本次抽查的全部批次');
    }
    need(st.issuer.trim() !== '', 'issuer', '请填写发布机关（下次导入该机关的表格时沿用本次的列对应）');
    need(
      mapped.has('sampledOn') || st.noticeDate !== null,
      'notice_date',
      '表中没有抽样日期：请填写公告日期（案件按公告日期记载，不作为抽样日期）',
    );
    need(mapped.has('category') || st.tableCategory !== null, 'category', '本表没有类别列：请选择本表产品所属类别');
    if (st.kind === 'failures_only') {
      if (
        need(
          st.tested !== null && st.unqualified !== null,
          'totals',
          '不合格产品名单：请填写公告中的抽查总批次和不合格批次（用于计算合格率）',
        )
      ) {
        need(st.tested! >= st.unqualified!, 'totals', '抽查总批次不能少于不合格批次');
        need(
          st.unqualified === unqualified,
          'totals',
          `公告称 ${st.unqualified} 批次不合格，表中列出 ${unqualified} 批次（同一批次的多行已合并）；请核对公告数字或表格`,
        );
        need(
          st.tested! - st.unqualified! === 0 || st.unlistedCategory !== null,
          'unlisted_category',
          `公告中未列出的 ${Math.max(0, st.tested! - st.unqualified!)} 个合格批次须计入一个类别：请选择`,
        );
      }
    } else if (mapped.has('result') && st.tested !== null && st.tested !== listed.length) {
      warnings.push(`公告称共抽查 ${st.tested} 批次，表中有 ${listed.length} 批次`);
    }
    const noticeYear = st.noticeDate ? Number(st.noticeDate.slice(0, 4)) : null;
    // The year is the officer's choice only when notice and plan disagree, and then one of those two;
    // otherwise it is the plan's (a countYear sent beside that choice counts for nothing).
    const chosen = noticeYear !== null && noticeYear !== planYear && (st.countYear === noticeYear || st.countYear === planYear);
    if (noticeYear !== null && noticeYear !== planYear) {
      need(chosen, 'count_year', `公告年份 ${noticeYear} 与计划年份 ${planYear} 不同：请选择计入哪一年`);
    }
    const counted = chosen ? st.countYear! : (noticeYear ?? planYear);
    const years = new Set(listed.map((b) => b.sampledOn?.slice(0, 4)).filter((y): y is string => !!y && Number(y) !== counted));
    if (years.size) warnings.push(`有批次的抽样日期在 ${[...years].join('、')} 年，不在计入的年份`);
    const errors = s.batches.filter((b) => b.status === 'error').length;
    if (errors) warnings.push(`${errors} 个批次有错误，确认时将跳过`);
    return { problems, warnings, countYear: counted };
  }

  async function present({ session: s, samples }: Awaited<ReturnType<typeof compute>>) {
    const planRow = (await findPlan(db, s.planId))!;
    const { problems, warnings, countYear } = review(s, planRow.year);
    const count = (st: Status) => s.batches.filter((b) => b.status === st).length;
    const categoryTexts = new Map<string, { code: string | null; batches: number }>();
    for (const b of s.batches) {
      if (!b.categoryText) continue;
      const c = categoryTexts.get(b.categoryText) ?? { code: b.category, batches: 0 };
      c.batches++;
      categoryTexts.set(b.categoryText, c);
    }
    return {
      id: s.id,
      revision: s.revision,
      planId: s.planId,
      fileName: s.fileName,
      header: { line: s.header.at + 1, height: s.header.height, title: s.title },
      columns: s.header.columns.map((c) => ({
        index: c.index,
        header: c.header,
        field: s.settings.columns.find((x) => x.index === c.index)?.field ?? null,
        samples: samples.get(c.index) ?? [],
      })),
      settings: s.settings,
      found: noticeTotals(s.title.join('\n')),
      year: { plan: planRow.year, notice: s.settings.noticeDate ? Number(s.settings.noticeDate.slice(0, 4)) : null, counted: countYear },
      categories: [...categoryTexts].map(([text, c]) => ({ text, code: c.code, batches: c.batches })),
      rows: s.batches.map((b) => ({
        line: b.line,
        lines: b.lines,
        status: b.status,
        productName: b.productName,
        brand: b.brand,
        model: b.model,
        batch: b.batch,
        sampledUnit: b.sampledUnit,
        producerCell: b.producerCell,
        producer: b.producer,
        producerRole: b.producerRole,
        parties: b.parties,
        verdict: b.verdict,
        items: b.items,
        testingBody: b.testingBody,
        sampledOn: b.sampledOn,
        category: b.category,
        place: b.place,
        remarks: b.remarks,
        match: b.match,
        candidates: b.candidates,
        errors: b.errors,
        warnings: b.warnings,
      })),
      counts: {
        rows: s.rows,
        batches: s.batches.length,
        matched: count('matched'),
        candidates: count('candidates'),
        unmatched: count('unmatched'),
        disputed: count('disputed'),
        noProducer: count('no_producer'),
        error: count('error'),
        qualified: s.batches.filter((b) => b.status !== 'error' && b.verdict === 'qualified').length,
        unqualified: s.batches.filter((b) => b.status !== 'error' && b.verdict === 'unqualified').length,
      },
      problems,
      warnings,
    };
  }

  /** Upload: finds the header, proposes the mapping and the notice's facts, and previews. */
  async function previewUpload(
    actor: Actor,
    planId: string,
    upload: { stream: Readable & { truncated?: boolean }; fileName?: string },
    issuer: string,
  ) {
    await plan(actor, planId);
    removeExpired();
    const id = uuidv7();
    const file = uploadFile(id);
    try {
      await pipeline(upload.stream, fs.createWriteStream(file));
      if (upload.stream.truncated)
        throw new AppError('file_too_large', [{ message: `文件超过 ${Math.round(ctx.config.importMaxBytes / 2 ** 20)} MB` }]);
      const head: string[][] = [];
      const gen = rowsOf(file);
      for await (const row of gen) {
        head.push(row.cells);
        if (head.length >= HEADER_SEARCH_ROWS) break;
      }
      await gen.return(undefined);
      if (head.length === 0) throw new AppError('file_empty');
      const header = findHeader(head);
      if (!header)
        throw new AppError('header_not_found', [
          {
            message: `前几行为：${head
              .slice(0, 3)
              .map((r) => r.filter(Boolean).join(' | '))
              .join(' ／ ')
              .slice(0, 200)}`,
          },
        ]);
      const title = head
        .slice(0, header.at)
        .map((r) => r.filter((c) => c.trim()).join(' '))
        .filter(Boolean);
      const remembered = issuer.trim() ? await rememberedMapping(db, issuer.trim()) : null;
      const columns = header.columns.map((c) => {
        const key = normalizeHeader(c.header);
        return { index: c.index, field: remembered && key in remembered ? (remembered[key] as ResultField | null) : c.field };
      });
      const totals = noticeTotals(title.join('\n'));
      const session: Session = {
        id,
        actorId: actor.id,
        planId,
        fileName: (upload.fileName ?? 'table').slice(0, 200),
        revision: 1,
        header,
        title,
        batches: [],
        rows: 0,
        settings: {
          issuer: issuer.trim(),
          noticeTitle: title.find((t) => /抽查|抽检|公告|通报|名单|结果/.test(t))?.slice(0, 200) ?? '',
          noticeNo: '',
          noticeDate: null,
          columns,
          kind: null,
          categoryMap: {},
          tableCategory: null,
          tablePlace: null,
          tested: totals.tested,
          unqualified: totals.unqualified,
          countYear: null,
          unlistedCategory: null,
        },
      };
      const computed = await compute(actor, session);
      save(computed.session);
      return present(computed);
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    }
  }

  return {
    /** Upload: the preview, read while no other upload of the same user is (lib/tabular/parse-slot.ts). */
    preview(actor: Actor, planId: string, upload: { stream: Readable & { truncated?: boolean }; fileName?: string }, issuer = '') {
      return oneParseAtATime(actor.id, () => previewUpload(actor, planId, upload, issuer));
    },

    /** The officer's corrections: the mapping and the notice's facts; answers the table read again. */
    async update(actor: Actor, id: string, revision: number, settings: ResultImportSettings) {
      const s = load(actor, id);
      if (revision !== s.revision) throw new AppError('stale_version');
      const known = new Set(s.header.columns.map((c) => c.index));
      if (settings.columns.some((c) => !known.has(c.index)))
        throw new AppError('validation_failed', [{ path: 'body/settings/columns', message: '列序号不在表中' }]);
      const fieldsUsed = settings.columns.map((c) => c.field).filter(Boolean);
      if (new Set(fieldsUsed).size !== fieldsUsed.length)
        throw new AppError('validation_failed', [{ path: 'body/settings/columns', message: '同一字段只能对应一列' }]);
      const codes = new Set((await activeCategories(db)).map((c) => c.code));
      for (const code of [settings.tableCategory, settings.unlistedCategory, ...Object.values(settings.categoryMap)]) {
        if (code !== null && !codes.has(code))
          throw new AppError('unknown_category', [{ path: 'body/settings', message: `类别 ${code} 不存在` }]);
      }
      const computed = await oneParseAtATime(actor.id, () =>
        compute(actor, { ...s, revision: s.revision + 1, settings: { ...settings, issuer: settings.issuer.trim() } }),
      );
      save(computed.session);
      return present(computed);
    },

    /**
     * Writes the previewed batches as cases of the plan with their final result, the notice's
     * unlisted qualified batches beside them, and remembers the issuer's mapping. `choices` names
     * the enterprise a person picked for a batch with candidates (or null: keep it unlinked).
     */
    async confirm(actor: Actor, id: string, revision: number, choices: { line: number; enterpriseId: string | null }[]) {
      const s = load(actor, id);
      if (revision !== s.revision) throw new AppError('stale_version');
      const planRow = await plan(actor, s.planId);
      const { problems, countYear } = review(s, planRow.year);
      if (problems.length)
        throw new AppError(
          'import_not_ready',
          problems.map((p) => ({ path: p.code, message: p.message })),
        );
      const st = s.settings;
      const chosen = new Map(choices.map((c) => [c.line, c.enterpriseId]));
      const now = new Date().toISOString();
      const cases: ImportedCase[] = [];
      const good = s.batches.filter((b) => b.status !== 'error');
      let linked = 0;
      for (const b of good) {
        const pick = chosen.get(b.line);
        const candidate = b.match ?? (pick ? b.candidates.find((c) => c.id === pick) : undefined);
        if (pick && !candidate)
          throw new AppError('validation_failed', [{ path: `choices/${b.line}`, message: `第 ${b.line} 行只能选择列出的候选企业` }]);
        if (candidate) linked++;
        cases.push({
          verdict: b.verdict!,
          testingBodyName: b.testingBody,
          categoryCode: b.category!,
          regionCode: candidate?.regionCode || planRow.region_code,
          sampledUnitName: b.sampledUnit,
          producerEnterpriseId: candidate?.id ?? null,
          producerName: b.producer ?? '',
          producerRegionCode: candidate?.regionCode ?? null,
          productName: b.productName,
          brand: b.brand,
          model: b.model,
          batch: b.batch,
          place: b.place,
          sampledOn: b.sampledOn ?? st.noticeDate!,
          dateBasis: b.sampledOn ? 'sampled' : 'notice',
          documentNo: `导入-${id.slice(-8)}-${b.line}`,
          remarks: b.remarks,
          parties: b.parties,
          listed: true,
          failedItems: b.items.map((it) => ({
            item: it.item.slice(0, 100),
            requirement: it.requirement.slice(0, 200),
            measured: it.measured.slice(0, 200),
          })),
          event: { importId: id, lines: b.lines, issuer: st.issuer, noticeNo: st.noticeNo },
        });
      }
      // A failures-only list's qualified batches: counted as the notice published them, listed nowhere.
      const unlisted = st.kind === 'failures_only' ? st.tested! - st.unqualified! : 0;
      for (let i = 0; i < unlisted; i++) {
        cases.push({
          verdict: 'qualified',
          testingBodyName: '',
          categoryCode: st.unlistedCategory!,
          regionCode: planRow.region_code,
          sampledUnitName: '',
          producerEnterpriseId: null,
          producerName: '',
          producerRegionCode: null,
          productName: '公告未列明的合格批次',
          brand: '',
          model: '',
          batch: '',
          place: st.tablePlace ?? 'unknown',
          sampledOn: st.noticeDate ?? `${countYear}-12-31`,
          dateBasis: 'notice',
          documentNo: `导入-${id.slice(-8)}-合格${i + 1}`,
          remarks: '',
          parties: [],
          listed: false,
          failedItems: [],
        });
      }
      const confirmed = {
        id,
        planId: planRow.id,
        level: planRow.level,
        year: countYear,
        issuer: st.issuer,
        noticeTitle: st.noticeTitle,
        noticeNo: st.noticeNo,
        noticeDate: st.noticeDate,
        kind: st.kind ?? 'results',
        declaredTested: st.tested,
        declaredUnqualified: st.unqualified,
        unlistedQualified: unlisted,
        rowsRead: s.rows,
        rowsSkipped: s.batches.length - good.length,
        fileName: s.fileName,
        mapping: st.columns,
        actorId: actor.id,
        at: now,
        cases,
      };
      await db.transaction().execute(async (trx) => {
        await countFinalVerdicts(trx, await writeImport(trx, confirmed));
        const headers = Object.fromEntries(
          s.header.columns.map((c) => [normalizeHeader(c.header), st.columns.find((x) => x.index === c.index)?.field ?? null]),
        );
        await rememberMapping(trx, st.issuer, headers, actor.id, now);
        await recordAudit(trx, actor, 'inspection.import_results', { type: 'inspection_plan', id: planRow.id }, null, {
          importId: id,
          issuer: st.issuer,
          noticeNo: st.noticeNo,
          year: countYear,
          listed: good.length,
          unlisted,
          linked,
        });
      });
      fs.rmSync(sessionFile(id), { force: true });
      fs.rmSync(uploadFile(id), { force: true });
      return {
        importId: id,
        linked,
        unlinked: good.length - linked,
        skipped: s.batches.length - good.length,
        unlistedQualified: unlisted,
        year: countYear,
      };
    },

    /** The plan's confirmed imports with the notices' own totals. */
    async listForPlan(actor: Actor, planId: string) {
      await plan(actor, planId);
      return (await importsOfPlan(db, planId)).map((r) => ({
        id: r.id,
        issuer: r.issuer,
        noticeTitle: r.notice_title,
        noticeNo: r.notice_no,
        noticeDate: r.notice_date,
        year: r.year,
        kind: r.kind as 'results' | 'failures_only',
        declaredTested: r.declared_tested,
        declaredUnqualified: r.declared_unqualified,
        listedBatches: r.listed_batches,
        unlistedQualified: r.unlisted_qualified,
        rowsRead: r.rows_read,
        rowsSkipped: r.rows_skipped,
        fileName: r.file_name,
        createdAt: r.created_at,
      }));
    },

    /** Issuers whose column mapping is remembered, for the upload form. */
    async issuers() {
      return (await knownIssuers(db)).map((r) => ({ issuer: r.issuer, updatedAt: r.updated_at }));
    },
  };
}
export type ResultImportService = ReturnType<typeof resultImportService>;

/**
 * Category cells to codes: a category's name or code, or a part of its name between 、 及 和
 * ("食用油" for 食用油、油脂及其制品) when only one category has that part.
 */
function categoryIndex(categories: { code: string; name: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  const parts = new Map<string, Set<string>>();
  for (const c of categories) {
    out.set(normalizeHeader(c.name), c.code);
    out.set(normalizeHeader(c.code), c.code);
    for (const p of c.name.split(/[、及和与]/)) {
      const k = normalizeHeader(p);
      if (k.length >= 2) parts.set(k, (parts.get(k) ?? new Set()).add(c.code));
    }
  }
  for (const [k, codes] of parts) if (codes.size === 1 && !out.has(k)) out.set(k, [...codes][0]!);
  return out;
}
