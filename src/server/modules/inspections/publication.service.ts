import type { Static } from 'typebox';
import type { PlanNotice, PublicInspection, PublicInspectionQuery } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { today } from '../../lib/dates';
import { writeExport, type ExportFormat } from '../../lib/tabular/write';
import { recordAudit } from '../audit/audit.service';
import { issueDocumentNumber, presentNumbers } from '../numbers/numbers.service';
import { referenceNames } from '../reference/reference.repository';
import { assertOrganiser, planAbilities, seesPlan } from './inspections.policy';
import { findPlan } from './inspections.repository';
import {
  approvedResponses,
  failedItems,
  listPublishedCases,
  planTitles,
  publishedCountsByCategory,
  publishFinalCases,
  testingBodyNames,
} from './publication.repository';
import { passRate } from './stats.service';

const COUNT_CAP = 10_000;

/** The columns of a published result table (DOMAIN.md §1.5). */
const RESULT_COLUMNS = [
  '序号',
  '产品名称',
  '商标',
  '规格型号',
  '生产日期/批号',
  '受检单位',
  '所在县市区',
  '标称生产企业',
  '检验结论',
  '不合格项目',
  '检验机构',
];

export const PUBLIC_DISCLAIMER =
  '监督抽查结果仅对所抽样品负责，不代表该企业其他批次、其他型号产品的质量状况。不合格结论在异议期届满或复检结论作出后公布。';

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
    const { regionCode, ...filter } = query;
    const regions = regionCode ? (await ctx.regions.tree()).subtree(regionCode) : undefined;
    const { counted, rows } = await listPublishedCases(db, { ...filter, regions }, COUNT_CAP, limit, cursor as [string, string] | null);
    const shown = rows.slice(0, limit);
    const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
    const caseIds = shown.map((r) => r.id);
    const plans = await planTitles(db, distinct(shown.map((r) => r.plan_id)));
    const bodies = await testingBodyNames(db, distinct(shown.flatMap((r) => [r.testing_body_id, r.recheck_body_id])));
    const categories = await referenceNames(db, 'product-categories', distinct(shown.map((r) => r.category_code)));
    const responses = await approvedResponses(db, caseIds);
    // Failed items of the result that stands: the re-test's when there was one.
    const items = await failedItems(db, caseIds);
    // A re-test, once recorded (its payer is set then), is the result that stands.
    const rechecked = (r: (typeof shown)[number]) => r.recheck_payer !== null;
    const failed = (r: (typeof shown)[number]) =>
      items.filter((it) => it.inspectionId === r.id && it.stage === (rechecked(r) ? 'recheck' : 'initial')).map((it) => it.item);
    const last = shown.at(-1);
    return {
      items: shown.map((r): Static<typeof PublicInspection> => ({
        id: r.id,
        year: r.year,
        checkLevel: r.level as Static<typeof PublicInspection>['checkLevel'],
        planTitle: plans.get(r.plan_id) ?? '',
        category: categories.get(r.category_code) ?? r.category_code,
        productName: r.product_name,
        brand: r.brand,
        model: r.model,
        batch: r.batch,
        sampledUnit: r.sampled_unit_name,
        sampledUnitRegion: r.region_code,
        producer: r.producer_name,
        result: r.final_verdict as 'qualified' | 'unqualified',
        failedItems: r.final_verdict === 'unqualified' ? failed(r) : [],
        testingBody: bodies.get((rechecked(r) ? r.recheck_body_id : r.testing_body_id) ?? '') ?? r.testing_body_name,
        sampledOn: r.sampled_on,
        publishedOn: r.published_on!,
        enterpriseResponse: responses.get(r.id) ?? null,
      })),
      meta: {
        ...counted,
        nextCursor: rows.length > limit && last ? encodeCursor([last.published_on!, last.id]) : null,
        disclaimer: PUBLIC_DISCLAIMER,
      },
    };
  }

  return {
    async publish(actor: Actor, planId: string) {
      const plan = await findPlan(db, planId);
      if (!plan) throw new AppError('not_found');
      assertOrganiser(actor, plan);
      const on = today();
      return db.transaction().execute(async (trx) => {
        const { published, held } = await publishFinalCases(trx, planId, on);
        await recordAudit(trx, actor, 'inspection_plan.publish', { type: 'inspection_plan', id: planId }, null, { published, on });
        return { published, held, publishedOn: on };
      });
    },

    /**
     * Issues the plan's notice its document number (文号) in the bureau's format: the next of the
     * year, by the organiser. A further number for the same notice needs a reason; the first stays.
     */
    async issueNoticeNumber(actor: Actor, planId: string, reason?: string) {
      const plan = await findPlan(db, planId);
      if (!plan || !seesPlan(actor, plan)) throw new AppError('not_found');
      assertOrganiser(actor, plan);
      const subject = { type: 'inspection_plan', id: planId };
      await db
        .transaction()
        .execute((trx) =>
          issueDocumentNumber(trx, actor, { series: 'inspection_notice', format: ctx.config.noticeNumberFormat, subject, reason }),
        );
      return { items: await presentNumbers(db, subject) };
    },

    /** A plan's published results as XLSX or CSV, in the columns of a published notice. */
    async exportPlan(planId: string, format: ExportFormat) {
      const plan = await findPlan(db, planId);
      if (!plan) throw new AppError('not_found');
      const regions = await referenceNames(db, 'regions');
      let seq = 0;
      async function* pages() {
        let after: string | undefined;
        do {
          const page = await listPublished({ planId, after, limit: 100 });
          yield page.items.map((r) => [
            String(++seq),
            r.productName,
            r.brand,
            r.model,
            r.batch,
            r.sampledUnit,
            regions.get(r.sampledUnitRegion) ?? r.sampledUnitRegion,
            r.producer,
            r.result === 'qualified' ? '合格' : '不合格',
            r.failedItems.join('、'),
            r.testingBody,
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
    async notice(actor: Actor, planId: string): Promise<Static<typeof PlanNotice>> {
      const plan = await findPlan(db, planId);
      if (!plan) throw new AppError('not_found');
      const department = (await referenceNames(db, 'departments', [plan.department_code])).get(plan.department_code);
      const counts = await publishedCountsByCategory(db, planId);
      const byCode = new Map(counts.map((c) => [c.categoryCode, { tested: c.tested, qualified: c.qualified }]));
      const schemes = JSON.parse(plan.categories) as { categoryCode: string; plannedBatches: number }[];
      const codes = [...new Set([...schemes.map((s) => s.categoryCode), ...byCode.keys()])];
      const names = await referenceNames(db, 'product-categories', codes);
      const categories = codes.map((code) => {
        const c = byCode.get(code) ?? { tested: 0, qualified: 0 };
        const planned = schemes.find((s) => s.categoryCode === code)?.plannedBatches ?? 0;
        return {
          categoryCode: code,
          category: names.get(code) ?? code,
          plannedBatches: planned,
          ...c,
          unqualified: c.tested - c.qualified,
          passRate: passRate(c.qualified, c.tested),
        };
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
      const last =
        counts
          .map((c) => c.last)
          .sort()
          .at(-1) ?? null;
      return {
        plan: {
          id: plan.id,
          title: plan.title,
          year: plan.year,
          level: plan.level as Static<typeof PlanNotice>['plan']['level'],
          departmentCode: plan.department_code,
          department: department ?? plan.department_code,
          regionCode: plan.region_code,
        },
        publishedOn: last,
        total: { tested, qualified, unqualified: tested - qualified, passRate: passRate(qualified, tested) },
        categories,
        unqualified,
        disclaimer: PUBLIC_DISCLAIMER,
        issuer: ctx.config.noticeIssuer,
        numbers: await presentNumbers(db, { type: 'inspection_plan', id: plan.id }),
        abilities: { issueNumber: planAbilities(actor, plan).issueNumber },
      };
    },

    list: listPublished,
  };
}
export type PublicationService = ReturnType<typeof publicationService>;
