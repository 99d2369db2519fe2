import type {
  ADOPTION_DEGREES,
  CERTIFICATE_STATUSES,
  CERTIFICATION_KINDS as CERT_KINDS,
  LICENCE_STATUSES,
  RecordKind,
  STANDARD_KINDS as STD_KINDS,
} from '../../../../contract/schemas/records';
import type { Parsed } from '../../../lib/tabular/cells';
import { parseBool, parseChoice, parseDate, parseInteger, parseText, parseYuan } from '../../../lib/tabular/cells';
import { parseStandardNo } from '../../../lib/standard-numbers';

/** Reference names and codes an import resolves cells against, loaded once per import. */
export interface Lookups {
  regions: Map<string, string>; // name or code → code (county-level units and the city)
  industries: Map<string, string>; // name or code → code
  categories: Map<string, string>; // product category name or code → code
  regionNames: Map<string, string>; // code → name, for export
  industryNames: Map<string, string>;
  categoryNames: Map<string, string>;
}

/** One column of a template: Chinese header, the field it fills, how a cell is read and written. */
export interface Column {
  header: string;
  field: string;
  required?: true;
  parse(raw: string, lookups: Lookups): Parsed<unknown>;
  format(value: unknown, lookups: Lookups): string;
}

const STATUS = { operating: '在营', suspended: '停产', deregistered: '注销', revoked: '吊销' } as const;
const AGRI = { none: '无', city: '市级', province: '省级', national: '国家级' } as const;
const plain = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const text = (header: string, field: string, max: number, required?: true, min = 0): Column => ({
  header,
  field,
  required,
  parse: (raw) => {
    const parsed = parseText(raw, max);
    return parsed.ok && parsed.value !== null && [...parsed.value].length < min ? { ok: false, message: `至少 ${min} 个字符` } : parsed;
  },
  format: plain,
});
/** A standard number, written in its canonical form when its form is known (checked with the record). */
const standardNumber = (header: string, field: string, required?: true): Column => {
  const column = text(header, field, 60, required, required ? 2 : 0);
  return {
    ...column,
    parse: (raw, l) => {
      const parsed = column.parse(raw, l);
      return parsed.ok && typeof parsed.value === 'string'
        ? { ok: true, value: parseStandardNo(parsed.value)?.canonical ?? parsed.value }
        : parsed;
    },
  };
};
const flag = (header: string, field: string): Column => ({ header, field, parse: parseBool, format: (v) => (v ? '是' : '否') });
const choice = <T extends string>(header: string, field: string, labels: Record<T, string>): Column => ({
  header,
  field,
  parse: (raw) => parseChoice(raw, labels),
  format: (v) => labels[v as T] ?? '',
});
const lookup = (
  header: string,
  field: string,
  map: 'regions' | 'industries' | 'categories',
  names: 'regionNames' | 'industryNames' | 'categoryNames',
  what: string,
  required = true,
): Column => ({
  header,
  field,
  ...(required ? { required } : {}),
  parse: (raw, l) => {
    const v = raw.trim();
    if (v === '') return { ok: true, value: null };
    const code = l[map].get(v);
    return code ? { ok: true, value: code } : { ok: false, message: `未知的${what}：${v}（填写名称或代码）` };
  },
  format: (v, l) => l[names].get(v as string) ?? plain(v),
});
const date = (header: string, field: string, required?: true): Column => ({ header, field, required, parse: parseDate, format: plain });
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
  date('注销日期', 'deregisteredOn'),
  flag('规模以上', 'aboveScale'),
  flag('重点企业', 'keyEnterprise'),
  flag('外资企业', 'foreignInvested'),
  flag('服务业企业', 'serviceEnterprise'),
  choice('农业龙头企业级别', 'agriLeaderLevel', AGRI),
  text('校验位例外理由', 'usccOverrideReason', 500),
];

const USCC = text('统一社会信用代码', 'uscc', 30, true);

/** The yearly figures template (年度经济指标): key USCC + year; amounts in yuan (万元 accepted). */
export const YEARLY_COLUMNS: Column[] = [
  USCC,
  { header: '年份', field: 'year', required: true, parse: (raw) => parseInteger(raw, 1949, 2100), format: plain },
  yuan('工业总产值（元）', 'outputValue'),
  yuan('新产品产值（元）', 'newProductOutputValue'),
  yuan('销售收入（元）', 'salesRevenue'),
  yuan('出口额（元）', 'exportValue'),
  yuan('利税（元）', 'profitAndTax', true),
  { header: '从业人员（人）', field: 'employees', parse: (raw) => parseInteger(raw, 0, 10_000_000), format: plain },
];

const STANDARD_KINDS = {
  national: '国家标准',
  industry: '行业标准',
  local: '地方标准',
  group: '团体标准',
  enterprise: '企业标准',
  international: '国际标准',
  foreign_advanced: '国外先进标准',
} as const satisfies Record<(typeof STD_KINDS)[number], string>;
const ADOPTION = { IDT: '等同采用', MOD: '修改采用', NEQ: '非等效采用', none: '不采标' } as const satisfies Record<
  (typeof ADOPTION_DEGREES)[number],
  string
>;
const CERTIFICATION_KINDS = {
  ISO9001: 'ISO 9001',
  ISO14001: 'ISO 14001',
  ISO45001: 'ISO 45001',
  CCC: 'CCC',
  GREEN_FOOD: '绿色食品',
  POLLUTION_FREE: '无公害农产品',
  ORGANIC: '有机产品',
  OTHER: '其他',
} as const satisfies Record<(typeof CERT_KINDS)[number], string>;
const CERTIFICATE_STATUS = { valid: '有效', suspended: '暂停', revoked: '撤销', cancelled: '注销' } as const satisfies Record<
  (typeof CERTIFICATE_STATUSES)[number],
  string
>;
const LICENCE_STATUS = { valid: '有效', cancelled: '注销', revoked: '撤销' } as const satisfies Record<
  (typeof LICENCE_STATUSES)[number],
  string
>;

/** A product is known by its name, brand and model within its enterprise (the standards template names it so). */
const PRODUCT_OF_STANDARD: Column[] = [
  text('产品名称', 'productName', 100, true),
  text('品牌/商标', 'productBrand', 50),
  text('型号规格', 'productModel', 100),
];

/** The templates of the records kept under an enterprise; the first column is always its USCC. */
export const RECORD_COLUMNS: Record<RecordKind, Column[]> = {
  'former-names': [USCC, text('曾用名', 'name', 100, true, 2), date('启用日期', 'usedFrom'), date('停用日期', 'usedTo')],
  associations: [USCC, text('协会名称', 'association', 100, true, 2), text('会员职务', 'memberRole', 50), date('入会日期', 'joinedOn')],
  'yearly-figures': YEARLY_COLUMNS,
  products: [
    USCC,
    text('产品名称', 'name', 100, true),
    text('品牌/商标', 'brand', 50),
    text('型号规格', 'model', 100),
    lookup('产品类别', 'categoryCode', 'categories', 'categoryNames', '产品类别', false),
    flag('重点产品', 'keyProduct'),
    flag('出口产品', 'exportProduct'),
    flag('食品', 'foodProduct'),
    flag('按标准组织生产', 'madeToStandard'),
  ],
  standards: [
    USCC,
    ...PRODUCT_OF_STANDARD,
    standardNumber('标准编号', 'standardNo', true),
    { ...choice('标准类别', 'kind', STANDARD_KINDS), required: true },
    choice('采标程度', 'adoption', ADOPTION),
    standardNumber('所采用的国际/国外标准编号', 'adoptedStandardNo'),
    text('编号例外理由', 'standardNoOverrideReason', 500),
  ],
  certifications: [
    USCC,
    { ...choice('认证类别', 'kind', CERTIFICATION_KINDS), required: true },
    text('其他认证名称', 'kindOther', 50),
    text('证书编号', 'certificateNo', 60, true, 2),
    text('发证机构', 'body', 100),
    date('发证日期', 'issuedOn'),
    date('到期日期', 'expiresOn'),
    choice('证书状态', 'status', CERTIFICATE_STATUS),
  ],
  licences: [
    USCC,
    text('许可证编号', 'licenceNo', 60, true, 2),
    text('产品单元', 'productUnit', 100, true),
    date('发证日期', 'issuedOn', true),
    date('有效期至', 'expiresOn'),
    choice('许可证状态', 'status', LICENCE_STATUS),
  ],
  'quality-staff': [
    USCC,
    text('姓名', 'personName', 50, true),
    text('岗位', 'staffRole', 50, true),
    text('资格/职称', 'qualification', 100),
    text('联系电话', 'phone', 30),
  ],
};
