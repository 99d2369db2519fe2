/**
 * The cells of published result tables as bureaus write them: verdicts in several spellings,
 * producer cells that name several parties with their roles, several failed items in one cell,
 * the sampling stage in words, remarks that dispute the producer, and the notice's own totals.
 * Each reader is pure; an unreadable verdict is an error, never a default.
 */

import type { SAMPLING_PLACES } from '../../../contract/schemas/inspections';

export type Verdict = 'qualified' | 'unqualified';

const UNQUALIFIED = /不合格|不符合|未达到|不达标|^(f|fail|failed|×|✗|✘|x|n|ng)$/i;
const QUALIFIED = /合格|符合|达标|^(p|pass|passed|✓|√|✔|y|ok)$/i;

/** 合格/不合格, 符合/不符合, P/F, ✓/×, or a sentence with 不合格 in it; null when it says neither. */
export function parseVerdict(raw: string): Verdict | null {
  const v = raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[。.]$/, '');
  if (v === '' || /^[/／—-]+$/.test(v)) return null;
  if (UNQUALIFIED.test(v)) return 'unqualified';
  if (QUALIFIED.test(v)) return 'qualified';
  return null;
}

export const PARTY_ROLES = ['manufacturer', 'commissioner', 'packer', 'importer', 'distributor'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export interface Party {
  role: PartyRole;
  name: string;
  /** 原产国 of an importer's goods. */
  country?: string;
}

const ROLE_WORDS: [string[], PartyRole][] = [
  [['受委托生产企业', '受委托生产商', '受委托方', '受委托单位', '被委托方', '被委托单位', '受托方', '受托生产企业'], 'manufacturer'],
  [['委托方', '委托单位', '委托企业', '委托生产企业', '委托商', '出品商', '出品方'], 'commissioner'],
  [['生产商', '生产者', '生产企业', '生产厂家', '生产厂商', '生产单位', '制造商', '制造者', '制造单位'], 'manufacturer'],
  [['分装商', '分装企业', '分装单位'], 'packer'],
  [['进口商', '进口企业', '进口单位', '进口代理商'], 'importer'],
  [['经销商', '销售商', '总经销', '总经销商', '代理商', '供货商', '供应商', '经营商', '运营商'], 'distributor'],
];
const ROLE_OF = new Map(ROLE_WORDS.flatMap(([words, role]) => words.map((w) => [w, role] as const)));
const roleOf = (word: string) => ROLE_OF.get(word) ?? null;
/** A role word and its colon, "经销商：": the same words, longest first so that 总经销商 is not read as 总经销. */
const LABEL = new RegExp(`(${[...ROLE_OF.keys()].sort((a, b) => b.length - a.length).join('|')})\\s*[:：]`, 'g');
/** "/", 无, 散装, 不详: farm produce and unlabelled goods name no producer. */
const NO_PRODUCER = /^([/／\\—–-]+|无|没有|不详|未标注|未标明|无标识|散装|散装称重|\/?（?散装）?|\/\(散装\)|自制|自产|\/\s*\/)$/;
/** Which named party is the producer, in order: the maker, then who commissioned it, packed it or imported it. */
const PRODUCER_ORDER: PartyRole[] = ['manufacturer', 'commissioner', 'packer', 'importer'];

const clean = (s: string) =>
  s
    .trim()
    .replace(/^[;；,，/／、\s]+|[;；,，/／、\s]+$/g, '')
    .trim();

/**
 * A producer cell taken apart: "生产商：甲有限公司；经销商：乙商行" → the producer 甲 and the
 * distributor 乙; "委托方：甲/受委托方：乙" → the maker 乙, 甲 as commissioner; "进口商：甲（原产国：
 * 日本）"; "甲商行（供货商）" → no producer, 甲 as supplier; "/" or 无 → no producer.
 */
export function parseProducerCell(raw: string): { producer: string | null; role: PartyRole | null; parties: Party[] } {
  // NFC, not NFKC: a firm's name keeps its full-width brackets, as the archive writes them.
  const text = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text === '' || NO_PRODUCER.test(text.replace(/\s/g, ''))) return { producer: null, role: null, parties: [] };
  const parties: Party[] = [];
  const labels = [...text.matchAll(LABEL)];
  if (labels.length > 0) {
    labels.forEach((m, i) => {
      const start = m.index! + m[0].length;
      const end = i + 1 < labels.length ? labels[i + 1]!.index! : text.length;
      parties.push(party(roleOf(m[1]!)!, text.slice(start, end)));
    });
    // Text before the first label names a firm without a role: read it as the maker.
    const before = clean(text.slice(0, labels[0]!.index));
    if (before) parties.unshift(party('manufacturer', before));
  } else {
    const tagged = text.match(/^(.*?)\s*[(（]\s*([^()（）]{2,8})\s*[)）]\s*$/);
    const role = tagged ? roleOf(tagged[2]!.trim()) : null;
    parties.push(tagged && role ? party(role, tagged[1]!) : party('manufacturer', text));
  }
  const named = parties.filter((p) => p.name !== '');
  const producer = PRODUCER_ORDER.map((r) => named.find((p) => p.role === r)).find(Boolean) ?? null;
  return { producer: producer?.name ?? null, role: producer?.role ?? null, parties: named.filter((p) => p !== producer) };
}

function party(role: PartyRole, raw: string): Party {
  const country = raw.match(/[(（]\s*(?:原产国|原产地|产地)\s*[:：]?\s*([^()（）]+?)\s*[)）]/);
  const name = clean(raw.replace(/[(（]\s*(?:原产国|原产地|产地)[^()（）]*[)）]/, ''));
  return country ? { role, name, country: country[1]!.trim() } : { role, name };
}

export interface FailedItem {
  item: string;
  measured: string;
  requirement: string;
}

/**
 * Failed items written in one cell: "充装量、喷射性能", one per line, "1.铅 2.苯甲酸", or with their
 * result and limit ("铅(以Pb计)║0.35mg/kg║≤0.2mg/kg"). Separators inside brackets are part of the
 * item ("邻苯二甲酸酯（DEHP、DBP）").
 */
export function splitFailedItems(raw: string, parts: ('item' | 'measured' | 'requirement' | null)[] | null): FailedItem[] {
  // NFC, not NFKC: "2.1×10⁴CFU/mL" must not become 2.1×104.
  const text = raw.normalize('NFC').trim();
  if (text === '' || /^[/／\\—–-]+$|^无$/.test(text)) return [];
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  const flush = () => {
    const t = current
      .trim()
      .replace(/^\d{1,2}[.、)]\s*/, '')
      .trim();
    if (t) pieces.push(t);
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ('([{（【'.includes(ch)) depth++;
    if (')]}）】'.includes(ch)) depth = Math.max(0, depth - 1);
    // A numbered list: "1.铅 2.苯甲酸" — a number after a space starts a new item.
    const numbered = /\s/.test(ch) && /^\d{1,2}[.、)]/.test(text.slice(i + 1));
    if (depth === 0 && (/[\n;；、,，]/.test(ch) || numbered)) flush();
    else current += ch;
  }
  flush();
  return pieces.map((p) => {
    const cols = p.split(/[║|│｜]/).map((c) => c.trim());
    if (cols.length < 2 || !parts) return { item: cols.join(' '), measured: '', requirement: '' };
    const at = (k: 'item' | 'measured' | 'requirement') => (parts.indexOf(k) >= 0 ? (cols[parts.indexOf(k)] ?? '') : '');
    return { item: at('item') || cols[0]!, measured: at('measured'), requirement: at('requirement') };
  });
}

/** A stage a table can name: the contract's sampling places (a case's own 'unknown' is what a table without one gets). */
export type TablePlace = (typeof SAMPLING_PLACES)[number];

/** 生产 / 流通 / 餐饮 / 网络 in the words tables use; null when the cell says none of them. */
export function parsePlace(raw: string): TablePlace | null {
  const v = raw.replace(/\s+/g, '');
  if (/网络|网购|电商|电子商务|网店|线上|平台/.test(v)) return 'online';
  if (/餐饮|饭店|食堂|餐馆/.test(v)) return 'catering';
  if (/生产|工厂|厂家|企业成品库/.test(v)) return 'production';
  if (/流通|销售|超市|商场|市场|批发|零售|经营/.test(v)) return 'circulation';
  return null;
}

/** A remark saying the labelled producer denies the product, or that it is counterfeit: never link it by itself. */
export function disputesProducer(remark: string): boolean {
  return /否认|假冒|冒用|仿冒|非其生产|不是其生产|不是该企业/.test(remark);
}

export interface NoticeTotals {
  tested: number | null;
  unqualified: number | null;
}

const num = (s: string | undefined) => (s === undefined ? null : Number(s.replace(/[,，]/g, '')));

/**
 * The notice's own totals in its text: "共抽查 120 家企业生产的 200 批次产品，不合格 12 批次",
 * "抽检食品 350 批次，其中合格 341 批次，不合格 9 批次", "发现不合格产品 5 批次".
 */
export function noticeTotals(text: string): NoticeTotals {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  const tested = num(t.match(/(?:抽查|抽检|抽取|抽样|检验|检测)(?:(?!合格)[^。；;])*?(\d[\d,，]*)批次/)?.[1]);
  let unqualified = num(
    t.match(/不合格(?:产品|样品|食品)?(?:共|为)?(\d[\d,，]*)批次/)?.[1] ??
      t.match(/(\d[\d,，]*)批次(?:产品|样品|食品)?(?:检验|检测|抽检)?(?:结果)?不合格/)?.[1],
  );
  const qualified = num(t.match(/(?<!不)合格(?:产品|样品|食品)?(?:共|为)?(\d[\d,,]*)批次/)?.[1]);
  if (unqualified === null && tested !== null && qualified !== null && qualified <= tested) unqualified = tested - qualified;
  return { tested, unqualified };
}
