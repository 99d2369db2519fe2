import type { Parsed } from '../../../lib/tabular/cells';
import { parseBool, parseChoice, parseDate, parseInteger, parseText, parseYuan } from '../../../lib/tabular/cells';

/** Reference names and codes an import resolves cells against, loaded once per import. */
export interface Lookups {
  regions: Map<string, string>; // name or code → code (county-level units and the city)
  industries: Map<string, string>; // name or code → code
  regionNames: Map<string, string>; // code → name, for export
  industryNames: Map<string, string>;
}

/** One column of a template: Chinese header, the field it fills, how a cell is read and written. */
export interface Column {
  header: string;
  field: string;
  required?: true;
  parse(raw: string, lookups: Lookups): Parsed<unknown>;
  format(value: unknown, lookups: Lookups): string;
}

const STATUS = { operating: '在营', suspended: '停产', deregistered: '注销' } as const;
const AGRI = { none: '无', city: '市级', province: '省级', national: '国家级' } as const;
const plain = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const text = (header: string, field: string, max: number, required?: true): Column => ({
  header,
  field,
  required,
  parse: (raw) => parseText(raw, max),
  format: plain,
});
const flag = (header: string, field: string): Column => ({ header, field, parse: parseBool, format: (v) => (v ? '是' : '否') });
const choice = <T extends string>(header: string, field: string, labels: Record<T, string>): Column => ({
  header,
  field,
  parse: (raw) => parseChoice(raw, labels),
  format: (v) => labels[v as T] ?? '',
});
const lookup = (header: string, field: string, map: 'regions' | 'industries', names: 'regionNames' | 'industryNames', what: string): Column => ({
  header,
  field,
  required: true,
  parse: (raw, l) => {
    const v = raw.trim();
    if (v === '') return { ok: true, value: null };
    const code = l[map].get(v);
    return code ? { ok: true, value: code } : { ok: false, message: `未知的${what}：${v}（填写名称或代码）` };
  },
  format: (v, l) => l[names].get(v as string) ?? plain(v),
});
const date = (header: string, field: string): Column => ({ header, field, parse: parseDate, format: plain });
const yuan = (header: string, field: string, allowNegative = false): Column => ({
  header,
  field,
  parse: (raw) => parseYuan(raw, { allowNegative }),
  format: plain,
});

/** The enterprise template (企业基本信息). The USCC is the key: re-importing updates in place. */
export const ENTERPRISE_COLUMNS: Column[] = [
  text('统一社会信用代码', 'uscc', 30, true),
  text('企业名称', 'name', 100, true),
  lookup('所属县市区', 'regionCode', 'regions', 'regionNames', '县市区'),
  lookup('行业', 'industryCode', 'industries', 'industryNames', '行业'),
  text('地址', 'address', 200),
  text('法定代表人', 'legalRepresentative', 50),
  text('联系人', 'contactPerson', 50),
  text('联系电话', 'contactPhone', 30),
  date('成立日期', 'foundedOn'),
  choice('经营状态', 'status', STATUS),
  flag('规模以上', 'aboveScale'),
  flag('重点企业', 'keyEnterprise'),
  flag('标志性企业', 'flagship'),
  flag('外资企业', 'foreignInvested'),
  flag('服务业企业', 'serviceEnterprise'),
  choice('农业龙头企业级别', 'agriLeaderLevel', AGRI),
  text('校验位例外理由', 'usccOverrideReason', 500),
];

/** The yearly figures template (年度经济指标): key USCC + year; amounts in yuan (万元 accepted). */
export const YEARLY_COLUMNS: Column[] = [
  text('统一社会信用代码', 'uscc', 30, true),
  { header: '年份', field: 'year', required: true, parse: (raw) => parseInteger(raw, 1949, 2100), format: plain },
  yuan('工业总产值（元）', 'outputValue'),
  yuan('新产品产值（元）', 'newProductOutputValue'),
  yuan('销售收入（元）', 'salesRevenue'),
  yuan('出口额（元）', 'exportValue'),
  yuan('利税（元）', 'profitAndTax', true),
  { header: '从业人员（人）', field: 'employees', parse: (raw) => parseInteger(raw, 0, 10_000_000), format: plain },
];
