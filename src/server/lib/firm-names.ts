/**
 * The distinctive part of a Chinese firm's name, for offering look-alikes when a published table
 * names a producer the archive does not hold by that exact name. Two firms in one city that make
 * the same kind of product share almost everything but their 字号 (trade name): "郴州市安盾消防器材
 * 有限公司" and "郴州盾安消防器材有限公司" share 12 of 14 characters and are unrelated. Scoring the
 * whole names offers one for the other; scoring what is left after the place, the legal form and
 * the industry words does not.
 */
import { gramsOf, normalizeForSearch } from './search-text';

/** Provinces and autonomous regions, as they begin names (long forms first). */
const PROVINCES = [
  '北京',
  '天津',
  '上海',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '台湾',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
];
/** Hunan's prefectures and Chenzhou's counties by their short names, for names that omit 市/县/区. */
const PREFECTURES = ['长沙', '株洲', '湘潭', '衡阳', '邵阳', '岳阳', '常德', '张家界', '益阳', '郴州', '永州', '怀化', '娄底', '湘西'];
const COUNTIES = ['北湖', '苏仙', '桂阳', '宜章', '永兴', '嘉禾', '临武', '汝城', '桂东', '安仁', '资兴'];
const PLACE_WORDS = [...PROVINCES, ...PREFECTURES, ...COUNTIES].sort((a, b) => b.length - a.length);

/** Legal forms and kinds of unit, stripped from the end (longest first). */
const FORMS = [
  '农民专业合作社联合社',
  '农民专业合作社',
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '专业合作社',
  '个体工商户',
  '股份公司',
  '有限公司',
  '总公司',
  '分公司',
  '合作社',
  '经营部',
  '门市部',
  '经销部',
  '批发部',
  '商行',
  '商店',
  '加工厂',
  '加工坊',
  '总厂',
  '分厂',
  '工厂',
  '作坊',
  '集团',
  '公司',
  '厂',
  '店',
  '场',
  '社',
  '坊',
].sort((a, b) => b.length - a.length);

/** What firms make or do, stripped from the end after the legal form (longest first). */
const TRADES = [
  '食品科技',
  '食品',
  '科技',
  '实业',
  '贸易',
  '商贸',
  '工贸',
  '电子',
  '电器',
  '电气',
  '化工',
  '机械',
  '建材',
  '新材料',
  '材料',
  '环保',
  '农业',
  '生物',
  '医药',
  '药业',
  '服饰',
  '服装',
  '纺织',
  '酒业',
  '茶业',
  '米业',
  '油脂',
  '粮油',
  '调味品',
  '饮品',
  '饮料',
  '乳业',
  '乳品',
  '肉类',
  '肉食品',
  '肉食',
  '水产',
  '消防',
  '器材',
  '设备',
  '制品',
  '塑料',
  '塑胶',
  '包装',
  '印务',
  '印刷',
  '陶瓷',
  '建设',
  '工程',
  '能源',
  '矿业',
  '冶炼',
  '有色金属',
  '金属',
  '钢铁',
  '水泥',
  '电缆',
  '线缆',
  '电线',
  '照明',
  '光电',
  '信息',
  '技术',
  '开发',
  '发展',
  '投资',
  '管理',
  '咨询',
  '服务',
  '供应链',
  '日用品',
  '用品',
  '家具',
  '五金',
  '机电',
  '汽车',
  '配件',
  '零部件',
  '制造',
  '生产',
  '加工',
  '销售',
  '经营',
  '连锁',
  '超市',
  '商场',
  '百货',
  '批发',
  '零售',
  '种植',
  '养殖',
  '农产品',
  '果蔬',
  '蔬菜',
  '水果',
  '茶叶',
  '竹木',
  '木业',
  '纸业',
  '卫生用品',
  '日化',
  '化妆品',
  '文具',
  '玩具',
  '灯具',
  '门业',
  '钢构',
  '节能',
  '新能源',
  '电池',
  '化学',
  '实验',
  '精细化工',
  '环境',
  '农资',
  '肥业',
  '化肥',
  '种业',
  '烟花',
  '爆竹',
  '烟花爆竹',
  '鞋业',
  '皮具',
  '箱包',
  '织造',
  '针织',
  '制衣',
  '家纺',
  '床上用品',
  '装饰',
  '装饰材料',
  '涂料',
  '防水',
  '管业',
  '管材',
  '阀门',
  '水暖',
  '洁具',
  '卫浴',
  '商业',
  '钢结构',
  '铸造',
  '锻造',
  '有色',
  '汽配',
  '机电设备',
  '幼儿用品',
  '母婴用品',
  '婴童用品',
  '山泉水',
  '矿泉水',
  '纯净水',
  '饮用水',
  '电力',
  '热能',
  '燃气',
  '石化',
  '油品',
  '物流',
  '运输',
  '进出口',
  '国际',
  '控股',
  '产业',
  '事业',
  '商务',
  '中心',
  '工业',
  '企业',
  '特产',
  '土特产',
].sort((a, b) => b.length - a.length);

/** Brackets hold a place or a branch: "安盾（郴州）消防", "某公司（北湖分店）". */
const BRACKETED = /[（(［[【〔][^）)］\]】〕]*[）)］\]】〕]/g;
/** A leading administrative place written with its level: 郴州市, 北湖区, 宜章县, 湖南省, 某某镇. */
const LEADING_PLACE = /^[\p{Script=Han}]{2,4}?(省|自治区|市|自治州|地区|县|自治县|区|镇|乡|街道)/u;

/** Chenzhou's counties and Hunan's prefectures under their parents, for telling two places apart. */
const PARENT: Record<string, string> = {
  ...Object.fromEntries(COUNTIES.map((c) => [c, '郴州'])),
  ...Object.fromEntries(PREFECTURES.map((c) => [c, '湖南'])),
};
const LEVEL_CHARS = /(省|自治区|市|自治州|地区|县|自治县|区|镇|乡|街道)$/;

/** The places a name begins with, and the rest. "郴州市北湖区安盾…" → [郴州, 北湖], "安盾…". */
function leadingPlaces(name: string): { places: string[]; rest: string } {
  let rest = name;
  const places: string[] = [];
  for (;;) {
    // "郴州市" before "郴州": the level word goes with the place.
    const word = rest.match(LEADING_PLACE)?.[0] ?? PLACE_WORDS.find((p) => rest.startsWith(p));
    if (!word || rest.length <= word.length + 1) return { places, rest };
    places.push(word.replace(LEVEL_CHARS, ''));
    rest = rest.slice(word.length);
  }
}

function stripEndings(name: string): string {
  let out = name;
  for (let changed = true; changed;) {
    changed = false;
    // Any "…业" is a trade too (米业, 鸭业, 鱼业), beside the listed words.
    const word = [...FORMS, ...TRADES].find((w) => out.endsWith(w)) ?? out.match(/\p{Script=Han}业$/u)?.[0];
    if (word && out.length > word.length + 1) {
      out = out.slice(0, -word.length);
      changed = true;
    }
  }
  return out;
}

type Parts = { core: string; places: string[] };
// A table's look-alike search scores each row's name against up to a hundred archive names, and
// the same names come back row after row: each is taken apart once. Bounded: cleared when full.
const taken = new Map<string, Parts>();
const TAKEN_MAX = 20_000;

/** A firm name taken apart: its trade name (字号) and the places it names. */
function parts(name: string): Parts {
  let known = taken.get(name);
  if (!known) {
    if (taken.size >= TAKEN_MAX) taken.clear();
    taken.set(name, (known = takeApart(name)));
  }
  return known;
}

function takeApart(name: string): Parts {
  const bracketed = [...name.matchAll(BRACKETED)].map((m) => normalizeForSearch(m[0]));
  const plain = normalizeForSearch(name.replace(BRACKETED, ''));
  // Trade words first: "好又多超市" must lose 超市 before 市 can be read as a city.
  const { places, rest } = leadingPlaces(stripEndings(plain));
  const core = stripEndings(rest);
  const named = [
    ...places,
    ...bracketed.filter((b) => PLACE_WORDS.includes(b.replace(LEVEL_CHARS, ''))).map((b) => b.replace(LEVEL_CHARS, '')),
  ];
  return { core: core.length >= 2 ? core : plain, places: named };
}

/**
 * The trade name (字号) left after brackets, places, legal forms and trade words are removed:
 * "湖南盾安消防科技有限公司" → "盾安", "郴州市北湖区安盾消防器材经营部" → "安盾". Never shorter than two
 * characters: a name that is nothing but place and trade ("郴州市食品厂") keeps more of itself.
 */
export function coreName(name: string): string {
  return parts(name).core;
}

/** Province, prefecture and county a name's places say, each where known. */
function placeLevels(places: string[]): [string?, string?, string?] {
  let province: string | undefined, prefecture: string | undefined, county: string | undefined;
  for (const p of places) {
    if (PROVINCES.includes(p)) province = p;
    else if (PARENT[p] === '湖南') {
      prefecture = p;
      province = '湖南';
    } else if (PARENT[p] === '郴州') {
      county = p;
      prefecture = '郴州';
      province = '湖南';
    }
  }
  return [province, prefecture, county];
}

/** Two names that say different provinces, prefectures or counties are different firms' names. */
function placesDiffer(a: string[], b: string[]): boolean {
  const la = placeLevels(a);
  const lb = placeLevels(b);
  return la.some((p, i) => p !== undefined && lb[i] !== undefined && p !== lb[i]);
}

function dice(a: string, b: string): number {
  const ga = new Set(gramsOf(a));
  const gb = new Set(gramsOf(b));
  if (!ga.size || !gb.size) return a === b && a !== '' ? 1 : 0;
  const shared = [...ga].filter((g) => gb.has(g)).length;
  return (2 * shared) / (ga.size + gb.size);
}

/**
 * How alike two firm names are, 0 to 1: the Dice coefficient of their trade names' 2-character
 * grams — 1 for the same trade name whatever the place or legal form, 0 for firms that share
 * only where they are and what they make; at least 2/3 when one trade name holds the other whole. Halved when the trade names share neither their start
 * nor their end (农夫果园 / 果园农夫), and halved when the names say different places (长沙… / 郴州…).
 */
export function nameSimilarity(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  let score = dice(pa.core, pb.core);
  // One trade name written whole inside the other: a table that shortens 湘南金源 to 金源.
  if (pa.core.includes(pb.core) || pb.core.includes(pa.core)) score = Math.max(score, 2 / 3);
  const anchored = pa.core.slice(0, 2) === pb.core.slice(0, 2) || pa.core.slice(-2) === pb.core.slice(-2);
  if (!anchored) score /= 2;
  if (placesDiffer(pa.places, pb.places)) score /= 2;
  return Math.round(score * 100) / 100;
}

/**
 * Look-alikes scoring above this are offered for a person to choose (measured in firm-names.test.ts):
 * at 0.5 exactly sit three-character trade names that differ in one (莽山红 / 莽山绿) and the same
 * trade name in another place — other firms.
 */
const LOOK_ALIKE_THRESHOLD = 0.5;
/** Whether a score is high enough to offer the firm. */
export const offered = (score: number) => score > LOOK_ALIKE_THRESHOLD;
