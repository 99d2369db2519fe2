/**
 * Unified Social Credit Code (统一社会信用代码, GB 32100-2015) and the organisation code inside
 * it (组织机构代码, GB 11714). DOMAIN.md §4: 18 characters from a 31-character set (no I, O, S,
 * V, Z); positions 3–8 the registering authority's GB/T 2260 code; 9–17 the organisation code
 * with its own check character at 17; 18 the USCC check character.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Registering departments and their entity categories (GB 32100, DOMAIN.md §4.3). */
const DEPARTMENTS: Record<string, { name: string; categories: Record<string, string> }> = {
  '1': { name: '机构编制', categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    categories: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', categories: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', categories: { '1': '其他' } },
};

/** The organisation-code check character for an 8-character body (digits and A–Z). */
export function orgCodeCheck(body: string): string | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body[i];
    if (c === undefined) return null;
    const v = /[0-9]/.test(c) ? c.charCodeAt(0) - 48 : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : -1;
    if (v < 0) return null;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/** Whether a 9-character organisation code (GB 11714) has the right check character. */
export function isValidOrgCode(code: string): boolean {
  return /^[0-9A-Z]{8}[0-9X]$/.test(code) && orgCodeCheck(code.slice(0, 8)) === code[8];
}

/** The USCC check character for the first 17 characters. */
export function usccCheck(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i] ?? '?');
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

export interface UsccCheck {
  /** The code as checked: trimmed and upper-cased. */
  code: string;
  shapeOk: boolean;
  orgCheckOk: boolean;
  usccCheckOk: boolean;
  /** Positions 3–8: the registering authority's GB/T 2260 division code. */
  regionCode: string | null;
  departmentName: string | null;
  categoryName: string | null;
}

export function checkUscc(input: string): UsccCheck {
  const code = input.trim().toUpperCase();
  const shapeOk = SHAPE.test(code);
  if (!shapeOk) {
    return { code, shapeOk, orgCheckOk: false, usccCheckOk: false, regionCode: null, departmentName: null, categoryName: null };
  }
  const dept = DEPARTMENTS[code[0]!];
  return {
    code,
    shapeOk,
    orgCheckOk: isValidOrgCode(code.slice(8, 17)),
    usccCheckOk: usccCheck(code.slice(0, 17)) === code[17],
    regionCode: code.slice(2, 8),
    departmentName: dept?.name ?? null,
    categoryName: dept?.categories[code[1]!] ?? null,
  };
}

/** Builds a valid code from its parts (for the demo data generator and tests). */
export function makeUscc(prefix: string, regionCode: string, orgBody: string): string {
  const org = orgBody + orgCodeCheck(orgBody)!;
  const first17 = prefix + regionCode + org;
  return first17 + usccCheck(first17)!;
}
