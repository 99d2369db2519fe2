import { sql } from 'kysely';
import type { Static } from 'typebox';
import type { PlanNotice, PublicInspection, PublicInspectionQuery } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { countCapped } from '../../db/paging';
import { bool, containsText } from '../../db/portable';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { today } from '../../lib/dates';
import { writeExport, type ExportFormat } from '../../lib/tabular/write';
import { recordAudit } from '../audit/audit.service';
import { issueDocumentNumber, presentNumbers } from '../numbers/numbers.service';
import { assertOrganiser, seesPlan } from './inspections.policy';
import { passRate } from './stats.service';

const COUNT_CAP = 10_000;

/** The columns of a published result table (DOMAIN.md §1.5). */
const RESULT_COLUMNS = ['序号', '产品名称', '商标', '规格型号', '生产日期/批号', '受检单位', '所在县市区', '标称生产企业', '检验结论', '不合格项目', '检验机构'];

export const PUBLIC_DISCLAIMER = '监督抽查结果仅对所抽样品负责，不代表该企业其他批次、其他型号产品的质量状况。不合格结论在异议期届满或复检结论作出后公布。';

type Query = Static<typeof PublicInspectionQuery>;


/**
 * Publication of results (产品质量法 art. 24; Order No. 18 art. 44): the organiser publishes a
 * plan's cases whose result is final — an unqualified finding only once its objection window
 * has closed or its re-test is in — and anyone may read them without signing in.
 */
export function publicationService(ctx: AppContext) {
  const { db } = ctx;

  async function listPublished(query: Query & { planId?: string }) {
    const limit = query.limit ?? 20;
    const cursor = query.after === undefined ? null : decodeCursor(query.after, 2);
    // The cases alone: every filter is a column of theirs, so a page and its count read one
    // partial index (migration 2026112510); names are looked up for the page's rows only.
    let q = db.selectFrom('inspections as i').where('i.published_on', 'is not', null);
    if (query.planId) q = q.where('i.plan_id', '=', query.planId);
    if (query.year) q = q.where('i.year', '=', query.year);
    if (query.level) q = q.where('i.level', '=', query.level);
    if (query.categoryCode) q = q.where('i.category_code', '=', query.categoryCode);
    if (query.result) q = q.where('i.final_verdict', '=', query.result);
    if (query.regionCode) q = q.where('i.region_code', '=', query.regionCode);
    if (query.producer) q = q.where(containsText(sql.ref('i.producer_name'), query.producer));
    // Counted up to a cap, as the archive search is: a page costs the same however many results there are.
    const counted = await countCapped(db, q, COUNT_CAP);
    let page = q.select([
      'i.id', 'i.plan_id', 'i.year', 'i.level', 'i.category_code', 'i.product_name', 'i.brand', 'i.model', 'i.batch', 'i.sampled_unit_name', 'i.region_code',
      'i.producer_name', 'i.final_verdict', 'i.recheck_payer', 'i.testing_body_id', 'i.testing_body_name', 'i.recheck_body_id', 'i.sampled_on', 'i.published_on',
    ]);
    if (cursor) page = page.where(sql<boolean>`(i.published_on, i.id) < (${cursor[0]}, ${cursor[1]})`);
    const rows = await page.orderBy('i.published_on', 'desc').orderBy('i.id', 'desc').limit(limit + 1).execute();
    const shown = rows.slice(0, limit);
    const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
    const planIds = distinct(shown.map((r) => r.plan_id));
    const bodyIds = distinct(shown.flatMap((r) => [r.testing_body_id, r.recheck_body_id]));
    const codes = distinct(shown.map((r) => r.category_code));
    const plans = new Map(planIds.length ? (await db.selectFrom('inspection_plans').select(['id', 'title']).where('id', 'in', planIds).execute()).map((p) => [p.id, p.title]) : []);
    const bodies = new Map(bodyIds.length ? (await db.selectFrom('testing_bodies').select(['id', 'name']).where('id', 'in', bodyIds).execute()).map((b) => [b.id, b.name]) : []);
    const categories = new Map(codes.length ? (await db.selectFrom('product_categories').select(['code', 'name']).where('code', 'in', codes).execute()).map((c) => [c.code, c.name]) : []);
    const responses = new Map(
      shown.length
        ? (await db.selectFrom('inspection_responses').select(['inspection_id', 'text']).where('inspection_id', 'in', shown.map((r) => r.id)).where('status', '=', 'approved').execute()).map((r) => [r.inspection_id, r.text])
        : [],
    );
    // Failed items of the result that stands: the re-test's when there was one.
    const items = shown.length
      ? await db.selectFrom('inspection_items').select(['inspection_id', 'stage', 'item']).where('inspection_id', 'in', shown.map((r) => r.id)).where('passed', '=', bool(false)).orderBy('seq').execute()
      : [];
    // A re-test, once recorded (its payer is set then), is the result that stands.
    const rechecked = (r: (typeof shown)[number]) => r.recheck_payer !== null;
    const failed = (r: (typeof shown)[number]) => items.filter((it) => it.inspection_id === r.id && it.stage === (rechecked(r) ? 'recheck' : 'initial')).map((it) => it.item);
    const last = shown.at(-1);
    return {
      items: shown.map(
        (r): Static<typeof PublicInspection> => ({
          id: r.id, year: r.year, checkLevel: r.level as Static<typeof PublicInspection>['checkLevel'], planTitle: plans.get(r.plan_id) ?? '', category: categories.get(r.category_code) ?? r.category_code,
          productName: r.product_name, brand: r.brand, model: r.model, batch: r.batch, sampledUnit: r.sampled_unit_name, sampledUnitRegion: r.region_code, producer: r.producer_name,
          result: r.final_verdict as 'qualified' | 'unqualified', failedItems: r.final_verdict === 'unqualified' ? failed(r) : [],
          testingBody: bodies.get((rechecked(r) ? r.recheck_body_id : r.testing_body_id) ?? '') ?? r.testing_body_name,
          sampledOn: r.sampled_on, publishedOn: r.published_on!, enterpriseResponse: responses.get(r.id) ?? null,
        }),
      ),
      meta: {
        ...counted,
        nextCursor: rows.length > limit && last ? encodeCursor([last.published_on!, last.id]) : null,
        disclaimer: PUBLIC_DISCLAIMER,
      },
    };
  }

  return {
    async publish(actor: Actor, planId: string) {
      const plan = await db.selectFrom('inspection_plans').selectAll().where('id', '=', planId).executeTakeFirst();
      if (!plan) throw new AppError('not_found');
      assertOrganiser(actor, plan);
      const on = today();
      return db.transaction().execute(async (trx) => {
        // A failures-only list's unlisted qualified batches name nothing to publish: they only count.
        const ready = await trx.selectFrom('inspections').select('id').where('plan_id', '=', planId).where('final_verdict', 'is not', null).where('published_on', 'is', null).where('listed', '=', bool(true)).execute();
        const held = await trx.selectFrom('inspections').select((eb) => eb.fn.countAll().as('n')).where('plan_id', '=', planId).where('final_verdict', 'is', null).where('state', '!=', 'refused').executeTakeFirstOrThrow();
        if (ready.length) await trx.updateTable('inspections').set({ published_on: on }).where('id', 'in', ready.map((r) => r.id)).execute();
        await recordAudit(trx, actor, 'inspection_plan.publish', { type: 'inspection_plan', id: planId }, null, { published: ready.length, on });
        return { published: ready.length, held: Number(held.n), publishedOn: on };
      });
    },

    /**
     * Issues the plan's notice its document number (文号) in the bureau's format: the next of the
     * year, by the organiser. A further number for the same notice needs a reason; the first stays.
     */
    async issueNoticeNumber(actor: Actor, planId: string, reason?: string) {
      const plan = await db.selectFrom('inspection_plans').selectAll().where('id', '=', planId).executeTakeFirst();
      if (!plan || !seesPlan(actor, plan)) throw new AppError('not_found');
      assertOrganiser(actor, plan);
      const subject = { type: 'inspection_plan', id: planId };
      await db.transaction().execute((trx) => issueDocumentNumber(trx, actor, { series: 'inspection_notice', format: ctx.config.noticeNumberFormat, subject, reason }));
      return { items: await presentNumbers(db, subject) };
    },

    /** A plan's published results as XLSX or CSV, in the columns of a published notice. */
    async exportPlan(planId: string, format: ExportFormat) {
      const plan = await db.selectFrom('inspection_plans').select(['id', 'title']).where('id', '=', planId).executeTakeFirst();
      if (!plan) throw new AppError('not_found');
      const regions = new Map((await db.selectFrom('regions').select(['code', 'name']).execute()).map((r) => [r.code, r.name]));
      let seq = 0;
      async function* pages() {
        let after: string | undefined;
        do {
          const page = await listPublished({ planId, after, limit: 100 });
          yield page.items.map((r) => [
            String(++seq), r.productName, r.brand, r.model, r.batch, r.sampledUnit, regions.get(r.sampledUnitRegion) ?? r.sampledUnitRegion, r.producer,
            r.result === 'qualified' ? '合格' : '不合格', r.failedItems.join('、'), r.testingBody,
          ]);
          after = page.meta.nextCursor ?? undefined;
        } while (after);
      }
      const file = await writeExport(ctx.config.dataDir, format, RESULT_COLUMNS, pages());
      return { file, downloadName: `${plan.title}-抽查结果.${format}` };
    },

    /**
     * The printable notice (通报) of a plan: the published batches by category against the plan,
     * the pass rate from the sums, and every unqualified result with its failed items.
     */
    async notice(planId: string): Promise<Static<typeof PlanNotice>> {
      const plan = await db.selectFrom('inspection_plans').selectAll().where('id', '=', planId).executeTakeFirst();
      if (!plan) throw new AppError('not_found');
      const department = await db.selectFrom('departments').select('name').where('code', '=', plan.department_code).executeTakeFirst();
      const counts = await db
        .selectFrom('inspections')
        .where('plan_id', '=', planId)
        .where('published_on', 'is not', null)
        .select(['category_code', sql<number>`count(*)`.as('tested'), sql<number>`sum(case when final_verdict = 'qualified' then 1 else 0 end)`.as('qualified'), sql<string>`max(published_on)`.as('last')])
        .groupBy('category_code')
        .execute();
      const byCode = new Map(counts.map((c) => [c.category_code, { tested: Number(c.tested), qualified: Number(c.qualified) }]));
      const schemes = JSON.parse(plan.categories) as { categoryCode: string; plannedBatches: number }[];
      const codes = [...new Set([...schemes.map((s) => s.categoryCode), ...byCode.keys()])];
      const names = new Map((await db.selectFrom('product_categories').select(['code', 'name']).where('code', 'in', codes.length ? codes : ['-']).execute()).map((c) => [c.code, c.name]));
      const categories = codes.map((code) => {
        const c = byCode.get(code) ?? { tested: 0, qualified: 0 };
        const planned = schemes.find((s) => s.categoryCode === code)?.plannedBatches ?? 0;
        return { categoryCode: code, category: names.get(code) ?? code, plannedBatches: planned, ...c, unqualified: c.tested - c.qualified, passRate: passRate(c.qualified, c.tested) };
      });
      const tested = categories.reduce((s, c) => s + c.tested, 0);
      const qualified = categories.reduce((s, c) => s + c.qualified, 0);
      const unqualified: Static<typeof PublicInspection>[] = [];
      let after: string | undefined;
      do {
        const page = await listPublished({ planId, result: 'unqualified', after, limit: 100 });
        unqualified.push(...page.items);
        after = page.meta.nextCursor ?? undefined;
      } while (after);
      const last = counts.map((c) => String(c.last)).sort().at(-1) ?? null;
      return {
        plan: { id: plan.id, title: plan.title, year: plan.year, level: plan.level as Static<typeof PlanNotice>['plan']['level'], departmentCode: plan.department_code, department: department?.name ?? plan.department_code, regionCode: plan.region_code },
        publishedOn: last,
        total: { tested, qualified, unqualified: tested - qualified, passRate: passRate(qualified, tested) },
        categories,
        unqualified,
        disclaimer: PUBLIC_DISCLAIMER,
        issuer: ctx.config.noticeIssuer,
        numbers: await presentNumbers(db, { type: 'inspection_plan', id: plan.id }),
      };
    },

    list: listPublished,
  };
}
export type PublicationService = ReturnType<typeof publicationService>;
