import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Insertable } from 'kysely';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { insertChunked } from '../../db/bulk';
import { bool } from '../../db/portable';
import { AppError } from '../../errors';
import { uuidv7 } from '../../lib/ids';
import { gramsOf, normalizeForSearch } from '../../lib/search-text';
import { parseDate, parseText } from '../../lib/tabular/cells';
import { readTable, UnreadableFile } from '../../lib/tabular/read';
import { checkUscc } from '../../lib/uscc';
import { recordAudit } from '../audit/audit.service';
import type { EnterpriseService } from '../enterprises/enterprises.service';
import { CITY } from './inspections.policy';
import type { InspectionEventTable, InspectionItemTable, InspectionTable } from './inspections.table';
import { countFinalVerdicts, type FinalVerdict } from './stats.repository';

/** The columns of a published result table (national or provincial notices), by header. */
const HEADERS = {
  productName: '产品名称', brand: '商标', model: '规格型号', batch: '生产日期/批号', sampledUnit: '受检单位', producer: '标称生产企业',
  uscc: '统一社会信用代码', result: '检验结论', failedItems: '不合格项目', testingBody: '检验机构', sampledOn: '抽样日期', category: '产品类别',
} as const;
const REQUIRED = ['productName', 'sampledUnit', 'producer', 'result', 'sampledOn'] as const;
const MAX_ROWS = 100_000;

type Field = keyof typeof HEADERS;
interface Candidate { id: string; name: string; uscc: string; regionCode: string; score?: number }
export interface PreviewRow {
  line: number;
  values: Partial<Record<Field, string>>;
  status: 'matched' | 'candidates' | 'unmatched' | 'error';
  match: Candidate | null;
  candidates: Candidate[];
  errors: string[];
}

/** Dice similarity of two names over their 2-character grams. */
function similarity(a: string, b: string): number {
  const ga = gramsOf(normalizeForSearch(a));
  const gb = new Set(gramsOf(normalizeForSearch(b)));
  if (!ga.length || !gb.size) return 0;
  return (2 * ga.filter((g) => gb.has(g)).length) / (ga.length + gb.size);
}
/** The distinctive part of a firm's name, for finding look-alikes: without place and legal form. */
const core = (name: string) => name.replace(/^(湖南省|湖南|郴州市|郴州)/, '').replace(/(股份有限公司|有限责任公司|有限公司|公司|厂)$/, '');

/**
 * Imports a published result table into a plan in two steps: a preview that matches each row's
 * labelled producer to the archive — by USCC, else by exact name (or former name), else offers
 * look-alikes for a person to choose — and a confirmation that writes the cases, linking only
 * what was matched or chosen. Nothing is linked by guess.
 */
export function resultImportService(ctx: AppContext, enterprises: EnterpriseService) {
  const { db } = ctx;
  const dir = () => {
    const d = path.join(ctx.config.dataDir, 'imports');
    fs.mkdirSync(d, { recursive: true });
    return d;
  };

  /**
   * The producer of a row: by USCC, else by exact (or former) name, else look-alikes for a person
   * to choose. `searched` keeps each search term's hits for the rest of the table: a national
   * table repeats the same two-character terms thousands of times.
   */
  async function matchProducer(actor: Actor, name: string, uscc: string | undefined, searched: Map<string, Promise<Candidate[]>>): Promise<Pick<PreviewRow, 'status' | 'match' | 'candidates'>> {
    const present = (e: { id: string; name: string; uscc: string; region_code?: string; regionCode?: string }): Candidate => ({ id: e.id, name: e.name, uscc: e.uscc, regionCode: e.region_code ?? e.regionCode ?? '' });
    if (uscc) {
      const byCode = await db.selectFrom('enterprises').select(['id', 'name', 'uscc', 'region_code']).where('uscc', '=', checkUscc(uscc).code).where('deleted_at', 'is', null).executeTakeFirst();
      if (byCode) return { status: 'matched', match: present(byCode), candidates: [] };
    }
    // By name, then by former name: two indexed look-ups (one query with OR would read every enterprise).
    const live = db.selectFrom('enterprises as e').select(['e.id', 'e.name', 'e.uscc', 'e.region_code']).where('e.deleted_at', 'is', null);
    let exact = await live.where('e.name', '=', name).limit(5).execute();
    if (exact.length === 0) {
      const formerly = db.selectFrom('enterprise_former_names').select('enterprise_id').where('name', '=', name).where('deleted_at', 'is', null);
      exact = await live.where('e.id', 'in', formerly).limit(5).execute();
    }
    if (exact.length === 1) return { status: 'matched', match: present(exact[0]!), candidates: [] };
    // Several firms of that very name: a person chooses among them (by USCC and county); no search needed.
    if (exact.length > 1) return { status: 'candidates', match: null, candidates: exact.map((e) => ({ ...present(e), score: 1 })) };
    // Look-alikes: firms sharing the first or the last two characters of the distinctive part, ranked by similarity.
    const term = [...normalizeForSearch(core(name))];
    const terms = term.length >= 2 ? [...new Set([term.slice(0, 2).join(''), term.slice(-2).join('')])] : [];
    const search = (q: string) => {
      if (!searched.has(q)) searched.set(q, enterprises.list(actor, { q, limit: 50 }).then((r) => r.items.map(present)));
      return searched.get(q)!;
    };
    const found = (await Promise.all(terms.map(search))).flat();
    const candidates = [...exact.map(present), ...found]
      .filter((c, i, all) => all.findIndex((x) => x.id === c.id) === i)
      .map((c) => ({ ...c, score: Math.round(similarity(name, c.name) * 100) / 100 }))
      .filter((c) => c.score >= 0.5)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3);
    return candidates.length ? { status: 'candidates', match: null, candidates } : { status: 'unmatched', match: null, candidates: [] };
  }

  return {
    async preview(actor: Actor, planId: string, upload: { stream: Readable & { truncated?: boolean } }) {
      const plan = await db.selectFrom('inspection_plans').selectAll().where('id', '=', planId).executeTakeFirst();
      if (!plan) throw new AppError('not_found');
      if (actor.role === 'county_officer') throw new AppError('forbidden');
      const file = path.join(dir(), `${uuidv7()}.upload`);
      try {
        await pipeline(upload.stream, fs.createWriteStream(file));
        if (upload.stream.truncated) throw new AppError('file_too_large', [{ message: `文件超过 ${Math.round(ctx.config.importMaxBytes / 2 ** 20)} MB` }]);
        // A category by name or code among the plan's; the plan's first when the table has none.
        const planCategories = (JSON.parse(plan.categories) as { categoryCode: string }[]).map((c) => c.categoryCode);
        const names = new Map((await db.selectFrom('product_categories').select(['code', 'name']).where('code', 'in', planCategories).execute()).flatMap((c) => [[c.name, c.code], [c.code, c.code]] as const));
        const rows: PreviewRow[] = [];
        const searched = new Map<string, Promise<Candidate[]>>();
        let at: Map<Field, number> | null = null;
        for await (const row of readTable(file, { maxUncompressedBytes: 512 * 2 ** 20 })) {
          if (!at) {
            at = new Map();
            row.cells.forEach((h, i) => {
              const field = (Object.entries(HEADERS) as [Field, string][]).find(([, header]) => header === h.trim().replace(/\*$/, ''))?.[0];
              if (field) at!.set(field, i);
            });
            const missing = REQUIRED.filter((f) => !at!.has(f)).map((f) => HEADERS[f]);
            if (missing.length) throw new AppError('validation_failed', [{ path: 'file', message: `缺少必填列：${missing.join('、')}` }]);
            continue;
          }
          if (row.cells.every((c) => c.trim() === '')) continue;
          if (rows.length >= MAX_ROWS) throw new AppError('file_too_large', [{ message: `一次最多导入 ${MAX_ROWS} 行` }]);
          const values: PreviewRow['values'] = {};
          const errors: string[] = [];
          for (const [field, i] of at) {
            const parsed = parseText(row.cells[i] ?? '', field === 'failedItems' ? 500 : 100);
            if (!parsed.ok) errors.push(`${HEADERS[field]}：${parsed.message}`);
            else if (parsed.value !== null) values[field] = parsed.value;
          }
          for (const f of REQUIRED) if (!values[f]) errors.push(`${HEADERS[f]}：不能为空`);
          if (values.result && !['合格', '不合格'].includes(values.result)) errors.push(`${HEADERS.result}：应为“合格”或“不合格”`);
          if (values.category) {
            const code = names.get(values.category);
            if (code) values.category = code;
            else errors.push(`${HEADERS.category}：不在本计划的产品类别中`);
          } else values.category = planCategories[0];
          const date = values.sampledOn ? parseDate(values.sampledOn) : null;
          if (date && !date.ok) errors.push(`${HEADERS.sampledOn}：${date.message}`);
          else if (date?.ok) values.sampledOn = date.value!;
          if (errors.length) {
            rows.push({ line: row.line, values, status: 'error', match: null, candidates: [], errors });
            continue;
          }
          rows.push({ line: row.line, values, errors, ...(await matchProducer(actor, values.producer!, values.uscc, searched)) });
        }
        if (!at) throw new AppError('file_empty');
        const id = uuidv7();
        fs.writeFileSync(path.join(dir(), `${id}.result-import.json`), JSON.stringify({ actorId: actor.id, planId, rows }));
        const count = (s: PreviewRow['status']) => rows.filter((r) => r.status === s).length;
        return { id, rows, counts: { matched: count('matched'), candidates: count('candidates'), unmatched: count('unmatched'), error: count('error') } };
      } catch (err) {
        if (err instanceof UnreadableFile) throw new AppError(err.code, [{ message: err.message }]);
        throw err;
      } finally {
        fs.rmSync(file, { force: true });
      }
    },

    /**
     * Writes the previewed rows as cases of the plan with their final result. `choices` names the
     * enterprise a person picked for a row with candidates (or null: keep it unlinked).
     */
    async confirm(actor: Actor, importId: string, choices: { line: number; enterpriseId: string | null }[]) {
      const stored = path.join(dir(), `${importId}.result-import.json`);
      if (!fs.existsSync(stored)) throw new AppError('not_found');
      const preview = JSON.parse(fs.readFileSync(stored, 'utf8')) as { actorId: string | null; planId: string; rows: PreviewRow[] };
      if (preview.actorId !== actor.id) throw new AppError('not_found');
      const chosen = new Map(choices.map((c) => [c.line, c.enterpriseId]));
      const plan = await db.selectFrom('inspection_plans').selectAll().where('id', '=', preview.planId).executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      let linked = 0;
      let unlinked = 0;
      // Built in memory and written in multi-row statements: a national table has tens of thousands of rows.
      const cases: Insertable<InspectionTable>[] = [];
      const items: Insertable<InspectionItemTable>[] = [];
      const events: Insertable<InspectionEventTable>[] = [];
      for (const row of preview.rows.filter((r) => r.status !== 'error')) {
        const pick = chosen.get(row.line);
        const candidate = row.match ?? (pick ? row.candidates.find((c) => c.id === pick) : undefined);
        if (pick && !candidate) throw new AppError('validation_failed', [{ path: `choices/${row.line}`, message: `第 ${row.line} 行只能选择列出的候选企业` }]);
        if (candidate) linked++;
        else unlinked++;
        const v = row.values;
        const qualified = v.result === '合格';
        const id = uuidv7();
        cases.push({
          id, plan_id: plan.id, year: plan.year, level: plan.level, product_id: null, testing_body_name: v.testingBody ?? '', category_code: v.category!, check_type: 'routine', region_code: candidate?.regionCode || CITY,
          sampled_enterprise_id: null, sampled_unit_name: v.sampledUnit!, producer_enterprise_id: candidate?.id ?? null, producer_name: v.producer!,
          producer_region_code: candidate?.regionCode ?? null, product_name: v.productName!, brand: v.brand ?? '', model: v.model ?? '', standard_no: '',
          batch: v.batch ?? '', place: 'circulation', sampled_on: v.sampledOn!, document_no: `导入-${importId.slice(-8)}-${row.line}`, samplers: '[]',
          test_quantity: '', reserve_quantity: '', state: qualified ? 'qualified' : 'final_unqualified', verdict: qualified ? 'qualified' : 'unqualified',
          final_verdict: qualified ? 'qualified' : 'unqualified', testing_body_id: null, report_no: null, report_on: null, received_on: null, objection_until: null,
          objection_filed_on: null, recheck_body_id: null, recheck_payer: null, rectification_ordered_on: null, rectification_due: null, first_review_due: null,
          announced_on: null, second_review_from: null, second_review_until: null, closed_on: null, published_on: null, version: 1, created_at: now, updated_at: now, created_by: actor.id,
        });
        const failed = (v.failedItems ?? '').split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean);
        items.push(...failed.map((item, seq) => ({ id: uuidv7(), inspection_id: id, stage: 'initial', seq, item, requirement: '', measured: '', passed: bool(false), severity: 'general' })));
        events.push({ id: uuidv7(), inspection_id: id, action: 'import', on_date: v.sampledOn!, state_after: qualified ? 'qualified' : 'final_unqualified', details: JSON.stringify({ importId, line: row.line, testingBody: v.testingBody ?? '' }), actor_id: actor.id, at: now });
      }
      await db.transaction().execute(async (trx) => {
        await insertChunked(trx, 'inspections', cases);
        await insertChunked(trx, 'inspection_items', items);
        await insertChunked(trx, 'inspection_events', events);
        await countFinalVerdicts(trx, cases as FinalVerdict[]);
        await recordAudit(trx, actor, 'inspection.import_results', { type: 'inspection_plan', id: plan.id }, null, { importId, linked, unlinked });
      });
      fs.rmSync(stored, { force: true });
      return { linked, unlinked, skipped: preview.rows.filter((r) => r.status === 'error').length };
    },
  };
}
export type ResultImportService = ReturnType<typeof resultImportService>;
