import type { Static } from 'typebox';
import type { BoardExportQuery, InspectionExportQuery, PassRateExportQuery } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { writeExport } from '../../lib/tabular/write';
import { referenceNames } from '../reference/reference.repository';
import { listInspections } from './inspections.repository';
import type { InspectionService } from './inspections.service';
import { planTitles, testingBodyNames } from './publication.repository';
import { CHECK_TYPE_NAMES, DUE_NAMES, LEVEL_NAMES, nameOf, PLACE_NAMES, PRODUCT_FLAG_NAMES, STATE_NAMES, VERDICT_NAMES } from './labels';
import type { StatsService } from './stats.service';
import { listRegions } from '../../authz/region-scope';

const CASE_COLUMNS = [
  '抽样单编号',
  '抽样日期',
  '抽查计划',
  '抽查级别',
  '产品类别',
  '产品名称',
  '商标',
  '规格型号',
  '生产日期/批号',
  '执行标准',
  '受检单位',
  '所在县市区',
  '标称生产企业',
  '抽样环节',
  '抽查类型',
  '抽样人员',
  '办理状态',
  '检验结论',
  '最终结论',
  '检验报告编号',
  '检验机构',
  '公布日期',
];
const BOARD_COLUMNS = ['期限', '是否逾期', '待办事项', '起始日期', '产品名称', '标称生产企业', '所在县市区', '办理状态', '承办人员'];
const GROUP_NAMES: Record<string, string> = {
  category: '产品类别',
  county: '县市区',
  industry: '行业',
  level: '抽查级别',
  place: '抽样环节',
  year: '年度',
  key_product: '重点产品',
  brand_product: '名牌产品',
};
/** Cases read per query while an export is written: memory stays bounded however many there are. */
const PAGE = 1000;

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/**
 * Spreadsheets of what officers see: the case list (with its filters), the deadline board and the
 * pass rates, each in the actor's scope, through the shared tabular writer.
 */
export function inspectionExportService(ctx: AppContext, inspections: InspectionService, stats: StatsService) {
  const { db } = ctx;
  const names = (kind: 'regions' | 'product-categories' | 'industries') => referenceNames(db, kind);
  const stamp = () => new Date().toISOString().slice(0, 10);

  return {
    /** The cases the list shows for these filters, every page of them. */
    async cases(actor: Actor, query: Static<typeof InspectionExportQuery>) {
      const { format = 'xlsx', ...filter } = query;
      const [regions, categories] = [await names('regions'), await names('product-categories')];
      const [plans, bodies] = [await planTitles(db), await testingBodyNames(db)];
      async function* pages() {
        let after: [string, string] | undefined;
        for (;;) {
          const rows = await listInspections(
            db,
            { regions: await listRegions(actor, filter.regionCode, ctx.regions) },
            filter,
            PAGE,
            after,
          );
          yield rows.map((r) => [
            r.document_no,
            r.sampled_on,
            plans.get(r.plan_id) ?? '',
            nameOf(LEVEL_NAMES, r.level),
            categories.get(r.category_code) ?? r.category_code,
            r.product_name,
            r.brand,
            r.model,
            r.batch,
            r.standard_no,
            r.sampled_unit_name,
            regions.get(r.region_code) ?? r.region_code,
            r.producer_name,
            nameOf(PLACE_NAMES, r.place),
            nameOf(CHECK_TYPE_NAMES, r.check_type),
            (JSON.parse(r.samplers) as string[]).join('、'),
            nameOf(STATE_NAMES, r.state),
            nameOf(VERDICT_NAMES, r.verdict),
            nameOf(VERDICT_NAMES, r.final_verdict),
            r.report_no ?? '',
            bodies.get(r.testing_body_id ?? '') ?? r.testing_body_name,
            r.published_on ?? '',
          ]);
          const last = rows.at(-1);
          if (rows.length < PAGE || !last) return;
          after = [last.sampled_on, last.id];
        }
      }
      return {
        file: await writeExport(ctx.config.dataDir, format, CASE_COLUMNS, pages()),
        downloadName: `监督抽查案件-${stamp()}.${format}`,
      };
    },

    /** The deadline board as filtered: what is due on which case, by when, overdue or not. */
    async board(actor: Actor, query: Static<typeof BoardExportQuery>) {
      const { format = 'xlsx', ...filter } = query;
      const [board, regions] = [await inspections.board(actor, filter), await names('regions')];
      const rows = board.items.map((e) => [
        e.by,
        e.overdue ? '已逾期' : '',
        nameOf(DUE_NAMES, e.kind),
        e.from ?? '',
        e.productName,
        e.producerName,
        regions.get(e.regionCode) ?? e.regionCode,
        nameOf(STATE_NAMES, e.state),
        e.officerName,
      ]);
      return {
        file: await writeExport(ctx.config.dataDir, format, BOARD_COLUMNS, one(rows)),
        downloadName: `监督抽查期限看板-${stamp()}.${format}`,
      };
    },

    /** Pass rates by one or two groups, with the total row; counts as they are, the rate shown to one decimal. */
    async passRates(actor: Actor, query: Static<typeof PassRateExportQuery>) {
      const { format = 'xlsx', ...q } = query;
      const rates = await stats.passRates(actor, q);
      const [regions, categories, industries] = [await names('regions'), await names('product-categories'), await names('industries')];
      const label = (group: string, key: string) => {
        if (group === 'county') return regions.get(key) ?? key;
        if (group === 'category') return categories.get(key) ?? key;
        if (group === 'industry') return industries.get(key) ?? key;
        if (group === 'level') return nameOf(LEVEL_NAMES, key);
        if (group === 'place') return nameOf(PLACE_NAMES, key);
        if (group === 'key_product' || group === 'brand_product') return nameOf(PRODUCT_FLAG_NAMES, key);
        return key;
      };
      const groups = [q.by, ...(q.then ? [q.then] : [])];
      const header = [...groups.map((g) => GROUP_NAMES[g]!), '抽查批次', '合格批次', '不合格批次', '批次合格率'];
      const rows = rates.rows.map((r) => [
        label(q.by, r.key),
        ...(q.then ? [label(q.then, r.key2 ?? '')] : []),
        String(r.tested),
        String(r.qualified),
        String(r.unqualified),
        percent(r.passRate),
      ]);
      const t = rates.total;
      rows.push(['合计', ...(q.then ? [''] : []), String(t.tested), String(t.qualified), String(t.unqualified), percent(t.passRate)]);
      return {
        file: await writeExport(ctx.config.dataDir, format, header, one(rows)),
        downloadName: `监督抽查合格率-按${GROUP_NAMES[q.by]}-${stamp()}.${format}`,
      };
    },
  };
}
export type InspectionExportService = ReturnType<typeof inspectionExportService>;

async function* one(rows: string[][]) {
  yield rows;
}
