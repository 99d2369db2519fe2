import { makeUscc } from '../../lib/uscc';
import { Random } from '../../lib/random';

/**
 * A deterministic, realistic demo archive for Chenzhou: fictional enterprises (names are made
 * of invented trade words, never taken from a register), valid USCCs with Chenzhou region
 * codes, counties weighted by economic size, the six key industries dominant.
 */

/** County-level units with a rough weight for their share of industrial enterprises. */
const COUNTIES = [
  ['431002', '北湖', 14],
  ['431003', '苏仙', 13],
  ['431021', '桂阳', 12],
  ['431023', '永兴', 11],
  ['431081', '资兴', 10],
  ['431022', '宜章', 9],
  ['431024', '嘉禾', 7],
  ['431025', '临武', 7],
  ['431028', '安仁', 6],
  ['431026', '汝城', 5],
  ['431027', '桂东', 5],
] as const;

const INDUSTRIES = {
  nonferrous: {
    weight: 22,
    words: ['银业', '冶炼', '矿业', '有色金属', '铅锌', '稀贵金属', '钨业', '铋业'],
    categories: ['PC013', 'PC014', 'PC015', 'PC048', 'PC073'],
    std: 'YS/T',
  },
  electronics: {
    weight: 10,
    words: ['电子', '光电', '电子科技', '电器', '智能科技', '线缆'],
    categories: ['PC031', 'PC051', 'PC052', 'PC058', 'PC059', 'PC060', 'PC063'],
    std: 'SJ/T',
  },
  energy: { weight: 6, words: ['能源', '电力', '新能源', '热力', '燃气'], categories: [], std: 'NB/T' },
  pharma_food: {
    weight: 20,
    words: ['食品', '茶业', '制药', '酒业', '粮油', '生物科技', '农业开发'],
    categories: ['PC001', 'PC002', 'PC006', 'PC007', 'PC076'],
    std: 'QB/T',
  },
  building_materials: {
    weight: 16,
    words: ['建材', '水泥', '陶瓷', '新材料', '石材', '玻璃'],
    categories: ['PC037', 'PC038', 'PC039', 'PC040', 'PC062', 'PC064', 'PC065', 'PC066'],
    std: 'JC/T',
  },
  chem_machinery: {
    weight: 14,
    words: ['化工', '机械', '重工', '精细化工', '机电', '装备制造'],
    categories: ['PC020', 'PC044', 'PC067', 'PC068', 'PC071', 'PC074', 'PC075', 'PC077'],
    std: 'HG/T',
  },
  other: {
    weight: 12,
    words: ['纺织', '服饰', '家具', '包装', '印务', '工艺品'],
    categories: ['PC025', 'PC033', 'PC034', 'PC042'],
    std: 'QB/T',
  },
} as const;
export type DemoIndustry = keyof typeof INDUSTRIES;

// Invented trade words: two syllables from these pools.
const TRADE_A = [
  '瑞',
  '鑫',
  '宏',
  '恒',
  '丰',
  '华',
  '盛',
  '通',
  '泰',
  '益',
  '嘉',
  '润',
  '德',
  '信',
  '和',
  '兴',
  '昌',
  '源',
  '达',
  '安',
  '新',
  '合',
  '远',
  '祥',
  '荣',
  '福',
  '隆',
  '升',
  '诚',
  '锦',
];
const TRADE_B = [
  '岚',
  '禾',
  '峰',
  '泓',
  '翔',
  '晟',
  '琪',
  '湘',
  '辰',
  '曜',
  '骏',
  '弘',
  '钰',
  '宸',
  '霖',
  '煜',
  '泽',
  '澜',
  '韬',
  '铂',
  '垚',
  '珩',
  '琨',
  '璟',
  '炜',
  '楠',
  '沣',
  '屹',
  '玮',
  '昶',
];
const SUFFIXES = [
  ['有限公司', 70],
  ['有限责任公司', 20],
  ['股份有限公司', 10],
] as const;
const SURNAMES = [
  '李',
  '王',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '曹',
  '邓',
  '谭',
  '廖',
  '欧阳',
];
const GIVEN = [
  '建国',
  '志强',
  '伟',
  '芳',
  '敏',
  '静',
  '丽',
  '军',
  '勇',
  '洋',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
  '湘平',
  '郴生',
  '红梅',
  '晓东',
  '立新',
];
const STREETS = ['人民路', '国庆路', '五岭大道', '郴州大道', '工业园路', '青年大道', '燕泉路', '南岭大道', '新华路', '高新路'];

export interface DemoEnterprise {
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: DemoIndustry;
  address: string;
  legalRepresentative: string;
  contactPerson: string;
  contactPhone: string;
  foundedOn: string;
  status: 'operating' | 'suspended' | 'deregistered';
  aboveScale: boolean;
  keyEnterprise: boolean;
  /** Of flagship size (sales of billions): the demo puts it on the flagship register, which the archive's flag follows. */
  flagship: boolean;
  foreignInvested: boolean;
  serviceEnterprise: boolean;
  agriLeaderLevel: 'none' | 'city' | 'province' | 'national';
}

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function base31(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = CHARSET[n % 31] + out;
    n = Math.floor(n / 31);
  }
  return out;
}

const person = (r: Random) => r.pick(SURNAMES) + r.pick(GIVEN);
const isoDate = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * The i-th demo enterprise of a seed. Independent of the others, so any range can be made
 * (a benchmark makes a million without holding them) and USCCs never collide: the
 * organisation-code body counts up from the index.
 */
export function demoEnterprise(seed: number, i: number): DemoEnterprise {
  const r = new Random((seed * 2654435761 + i * 40503) >>> 0);
  const [regionCode, place] = r.weighted(COUNTIES.map((c) => [[c[0], c[1]] as const, c[2]] as const));
  const industryCode = r.weighted(Object.entries(INDUSTRIES).map(([k, v]) => [k as DemoIndustry, v.weight] as const));
  const industry = INDUSTRIES[industryCode];
  const prefix = r.weighted([
    ['郴州市', 35],
    [place, 35],
    ['湖南', 15],
    ['郴州', 15],
  ] as const);
  const name = `${prefix}${r.pick(TRADE_A)}${r.pick(TRADE_B)}${r.pick(industry.words)}${r.weighted(SUFFIXES)}`;
  const aboveScale = r.chance(0.25);
  const food = industryCode === 'pharma_food';
  return {
    // Firms registered with the city (not the county) carry the prefecture's code: the county's with 00 at the end.
    uscc: makeUscc('91', r.chance(0.85) ? regionCode : `${regionCode.slice(0, 4)}00`, `MA${base31(i + seed * 7919, 6)}`),
    name,
    regionCode,
    industryCode,
    address: `湖南省郴州市${place}${place.length === 2 ? (regionCode === '431081' ? '市' : regionCode < '431020' ? '区' : '县') : ''}${r.pick(STREETS)}${r.int(1, 999)}号`,
    legalRepresentative: person(r),
    contactPerson: person(r),
    contactPhone: `0735-${r.int(2000000, 8999999)}`,
    foundedOn: isoDate(r.int(1985, 2024), r.int(1, 12), r.int(1, 28)),
    status: r.weighted([
      ['operating', 90],
      ['suspended', 7],
      ['deregistered', 3],
    ] as const),
    aboveScale,
    keyEnterprise: aboveScale && r.chance(0.2),
    flagship: aboveScale && r.chance(0.06),
    foreignInvested: r.chance(0.03),
    serviceEnterprise: r.chance(0.08),
    agriLeaderLevel: food
      ? r.weighted([
          ['none', 85],
          ['city', 10],
          ['province', 4],
          ['national', 1],
        ] as const)
      : 'none',
  };
}

export interface DemoDetails {
  formerNames: { name: string; usedFrom: string; usedTo: string }[];
  yearly: { year: number; output: number; newProduct: number; sales: number; exports: number; profitTax: number; employees: number }[];
  products: {
    name: string;
    categoryCode: string | null;
    brand: string;
    model: string;
    keyProduct: boolean;
    exportProduct: boolean;
    foodProduct: boolean;
    madeToStandard: boolean;
    standards: { standardNo: string; kind: string; adoption: string; adoptedStandardNo: string }[];
  }[];
  certifications: { kind: string; certificateNo: string; body: string; issuedOn: string; expiresOn: string; status: string }[];
  licences: { licenceNo: string; productUnit: string; issuedOn: string; expiresOn: string; status: string }[];
  staff: {
    personName: string;
    staffRole: string;
    qualification: string;
    phone: string;
    trainings: { course: string; completedOn: string; certificateNo: string }[];
  }[];
}

/** Adopted standards by kind: international (ISO, IEC) and foreign advanced (EN, ASTM, JIS). */
const ADOPTED: Record<'international' | 'foreign_advanced', readonly (readonly [string, string])[]> = {
  international: [
    ['ISO 9001:2015', 'IDT'],
    ['IEC 60335-1:2020', 'MOD'],
    ['ISO 22000:2018', 'IDT'],
  ],
  foreign_advanced: [
    ['EN 71-1:2014', 'NEQ'],
    ['ASTM B29-19', 'NEQ'],
    ['JIS R 5210:2019', 'MOD'],
  ],
};
const CERT_BODIES = ['中国质量认证中心', '方圆标志认证集团', '中环联合（北京）认证中心', '湖南省湘质认证中心'];

/** Products, standards, certifications, licences, staff and figures for the i-th enterprise. */
export function demoDetails(seed: number, i: number, e: DemoEnterprise, lastYear: number): DemoDetails {
  const r = new Random((seed * 97 + i * 7907 + 13) >>> 0);
  const industry = INDUSTRIES[e.industryCode];
  const founded = Number(e.foundedOn.slice(0, 4));
  const abbr = e.uscc.slice(10, 14);

  const yearly: DemoDetails['yearly'] = [];
  // A flagship-size enterprise sells billions (the flagship list's floor is 3 billion yuan a year).
  let output = (e.flagship ? r.int(2600, 4500) : e.aboveScale ? r.int(20, 800) : r.int(1, 19)) * 1_000_000 + r.int(0, 999_999);
  let employees = e.aboveScale ? r.int(80, 2000) : r.int(8, 79);
  for (let year = Math.max(2010, founded); year <= lastYear; year++) {
    output = Math.round(output * (1 + (r.next() * 0.16 - 0.03)));
    employees = Math.max(5, Math.round(employees * (1 + (r.next() * 0.1 - 0.04))));
    yearly.push({
      year,
      output,
      newProduct: Math.round(output * r.next() * 0.22),
      sales: Math.round(output * (0.88 + r.next() * 0.16)),
      exports: e.foreignInvested || r.chance(0.15) ? Math.round(output * r.next() * 0.4) : 0,
      profitTax: Math.round(output * (0.03 + r.next() * 0.1)),
      employees,
    });
  }

  const products: DemoDetails['products'] = [];
  for (let p = 0, n = r.int(1, 3); p < n; p++) {
    const kind = r.weighted([
      ['national', 45],
      ['industry', 20],
      ['local', 8],
      ['group', 5],
      ['enterprise', 12],
      ['international', 7],
      ['foreign_advanced', 3],
    ] as const);
    const standards: DemoDetails['products'][number]['standards'] = [];
    const madeToStandard = r.chance(0.97);
    if (madeToStandard) {
      const year = r.int(2008, 2023);
      if (kind === 'international' || kind === 'foreign_advanced') {
        const [no, adoption] = r.pick(ADOPTED[kind]);
        standards.push({ standardNo: `GB/T ${r.int(1000, 42000)}-${year}`, kind: 'national', adoption, adoptedStandardNo: no });
        standards.push({ standardNo: no, kind, adoption: 'none', adoptedStandardNo: '' });
      } else {
        const no = {
          national: `GB${r.chance(0.6) ? '/T' : ''} ${r.int(1000, 42000)}-${year}`,
          industry: `${industry.std} ${r.int(100, 3200)}-${year}`,
          local: `DB43/T ${r.int(100, 2800)}-${year}`,
          group: `T/HNAS ${r.int(1, 200)}-${year}`,
          enterprise: `Q/CZ${abbr} ${String(r.int(1, 20)).padStart(3, '0')}-${year}`,
        }[kind];
        standards.push({ standardNo: no, kind, adoption: 'none', adoptedStandardNo: '' });
      }
    }
    const word = r.pick(industry.words);
    products.push({
      name: `${word}产品${String.fromCharCode(65 + p)}型`,
      categoryCode: industry.categories.length ? r.pick(industry.categories) : null,
      brand: `${r.pick(TRADE_A)}${r.pick(TRADE_B)}`,
      model: `${abbr}-${r.int(100, 999)}`,
      keyProduct: e.keyEnterprise && r.chance(0.5),
      exportProduct: e.foreignInvested || r.chance(0.08),
      foodProduct: e.industryCode === 'pharma_food' && r.chance(0.8),
      madeToStandard,
      standards,
    });
  }

  const certifications: DemoDetails['certifications'] = [];
  const certify = (kind: string, p: number, years: number) => {
    if (!r.chance(p)) return;
    const issued = isoDate(r.int(Math.max(2012, founded), lastYear), r.int(1, 12), r.int(1, 28));
    const expires = `${Number(issued.slice(0, 4)) + years}${issued.slice(4)}`;
    certifications.push({
      kind,
      certificateNo: `${kind.replace(/\W/g, '')}-${e.uscc.slice(8, 17)}`,
      body: r.pick(CERT_BODIES),
      issuedOn: issued,
      expiresOn: expires,
      status: r.chance(0.03) ? 'revoked' : 'valid',
    });
  };
  certify('ISO9001', e.aboveScale ? 0.7 : 0.25, 3);
  certify('ISO14001', e.aboveScale ? 0.3 : 0.05, 3);
  certify('ISO45001', e.aboveScale ? 0.2 : 0.03, 3);
  if (e.industryCode === 'electronics') certify('CCC', 0.5, 5);
  if (e.industryCode === 'pharma_food') certify('GREEN_FOOD', e.agriLeaderLevel !== 'none' ? 0.7 : 0.1, 3);

  const licences: DemoDetails['licences'] = [];
  if (['building_materials', 'chem_machinery', 'electronics'].includes(e.industryCode) && r.chance(0.25)) {
    const issued = isoDate(r.int(2019, lastYear), r.int(1, 12), r.int(1, 28));
    licences.push({
      licenceNo: `(湘)XK${r.int(10, 99)}-${r.int(100, 999)}-${e.uscc.slice(8, 17)}`,
      productUnit: { building_materials: '水泥', chem_machinery: '危险化学品', electronics: '电线电缆' }[
        e.industryCode as 'building_materials'
      ],
      issuedOn: issued,
      expiresOn: `${Number(issued.slice(0, 4)) + 5}${issued.slice(4)}`,
      status: 'valid',
    });
  }

  const staff: DemoDetails['staff'] = [];
  for (let s = 0, n = e.aboveScale ? r.int(2, 3) : r.int(0, 1); s < n; s++) {
    staff.push({
      personName: person(r),
      staffRole: s === 0 ? '质量负责人' : r.pick(['检验员', '质量管理员', '标准化员']),
      qualification: r.pick(['质量工程师（中级）', '注册质量师', '内审员', '检验员上岗证', '']),
      phone: `1${r.int(3, 9)}${r.int(100000000, 999999999)}`,
      trainings: r.chance(0.6)
        ? [
            {
              course: r.pick(['质量管理体系内审员培训', '产品质量法培训', '首席质量官培训']),
              completedOn: isoDate(r.int(2015, lastYear), r.int(1, 12), r.int(1, 28)),
              certificateNo: `PX${r.int(10000, 99999)}`,
            },
          ]
        : [],
    });
  }

  const formerNames = r.chance(0.08)
    ? [
        {
          name: e.name.replace(/(有限公司|有限责任公司|股份有限公司)$/, '厂'),
          usedFrom: e.foundedOn,
          usedTo: isoDate(Math.min(lastYear, founded + r.int(2, 10)), r.int(1, 12), r.int(1, 28)),
        },
      ]
    : [];
  return { formerNames, yearly, products, certifications, licences, staff };
}
