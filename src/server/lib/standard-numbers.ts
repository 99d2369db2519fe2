/**
 * Standard numbers (标准编号) as officers type them: read, written back in one canonical form,
 * and classed by who issues them — 国家 (GB, GB/T, GB/Z), 行业 (HG/T, QB/T… the codes of
 * 《行业标准管理办法》), 地方 (DB43/T, DB4310/T), 团体 (T/…), 企业 (Q/…), 国际 (ISO, IEC, Codex) and
 * 国外先进 (EN and its national adoptions, BS, DIN, JIS, ASTM, AS/NZS, ANSI, IEEE, ASME).
 * 标准化法 arts. 2, 10 and 27 (DOMAIN.md §6.8) name the Chinese levels.
 *
 * Every form here carries its year, as the number is cited. A number of none of these forms is
 * not wrong as such (a military or a foreign body's standard), but it cannot be checked: callers
 * keep it only with a reason.
 */
export type StandardKind = 'national' | 'industry' | 'local' | 'group' | 'enterprise' | 'international' | 'foreign_advanced';

export interface StandardNumber {
  /** Half-width, upper-case, one space between code and number, '-' before a Chinese year, ':' before an ISO-style one. */
  canonical: string;
  kind: StandardKind;
  /** The issuer's code as written in the number: GB/T, HG/T, DB43/T, Q/CZXX, T/CNFIA, ISO, BS EN… */
  code: string;
  /** The year as written: four digits, or two in old Chinese numbers and in ASTM's. */
  year: string;
}

const NATIONAL = new Set(['GB', 'GBZ', 'GBJ']);

/**
 * 行业标准代号 (industry codes), from the list of 行业标准代号 under 《行业标准管理办法》, with the
 * engineering-construction codes that number industry standards (JGJ, CJJ, JTG). DB alone is
 * 地震 (earthquakes); DB followed by a region code is a local standard.
 */
const INDUSTRY = new Set(
  (
    'AQ BB CB CH CJ CY DA DB DL DZ EJ FZ GA GH GM GY HB HG HJ HS HY JB JC JG JR JT JY LB LD LS LY MH MT MZ NB NY ' +
    'QB QC QJ QX RB SB SC SF SH SJ SL SN SW SY TB TD TY WB WH WJ WM WS WW XB XF YB YC YD YJ YS YY YZ ZY JGJ CJJ JTG'
  ).split(' '),
);

/** The first two digits of GB/T 2260 codes: provinces, autonomous regions, municipalities, SARs, Taiwan. */
const PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
);

/** National bodies that adopt EN standards as "<body> EN …". */
const EN_ADOPTERS = 'BS|DIN|NF|UNE|UNI|NEN|PN|CSN|SS|DS|NS|SFS|OENORM|SN|STN|SIST';

const CN_YEAR = String.raw`(\d{4}|\d{2})`;
const CN_NUMBER = String.raw`([A-Z]?\d+(?:\.\d+)*)`;
const ISO_PARTS = String.raw`(\d+(?:-\d+)*)`;
/** Amendments and corrigenda after an ISO-style year: +A1:2013, /AMD1:2016, /COR1:2015. */
const ISO_AMENDMENTS = String.raw`((?:\+A\d{1,2}:\d{4}|/(?:AMD|COR)\d{1,2}:\d{4})*)`;

type Rule = { re: RegExp; read(m: RegExpMatchArray): StandardNumber | null };

const chinese = (code: string, kind: StandardKind, number: string, year: string): StandardNumber | null =>
  year.length === 4 && !/^(19|20)\d\d$/.test(year) ? null : { canonical: `${code} ${number}-${year}`, kind, code, year };

const RULES: Rule[] = [
  // 国家 and 行业: GB/T 5023.3-2008, HG/T 2006-2006, NB/SH/T 0001-2019, JTG D60-2015.
  {
    re: new RegExp(String.raw`^([A-Z]{2,3}(?:/[A-Z]{2,3})*?)(/[TZ])? ?${CN_NUMBER}-${CN_YEAR}$`),
    read: ([, letters, nature, number, year]) => {
      const codes = letters!.split('/');
      const kind = codes.length === 1 && NATIONAL.has(codes[0]!) ? 'national' : codes.every((c) => INDUSTRY.has(c)) ? 'industry' : null;
      // A letter before the number belongs to the engineering codes only (JTG D60-2015).
      if (!kind || (/^[A-Z]/.test(number!) && letters !== 'JTG')) return null;
      return chinese(`${letters}${nature ?? ''}`, kind, number!, year!);
    },
  },
  // 地方: DB43/T 1234-2016, DB4310/T 12-2020, mandatory DB43/ 1234-2016 (also typed without the slash).
  {
    re: new RegExp(String.raw`^DB ?(\d{2}|\d{4}|\d{6})(?:/([TZ])?)? ?(\d+(?:\.\d+)*)-${CN_YEAR}$`),
    read: ([, region, nature, number, year]) =>
      PROVINCES.has(region!.slice(0, 2)) ? chinese(`DB${region}/${nature ?? ''}`, 'local', number!, year!) : null,
  },
  // 团体 T/CNFIA 001-2018 and 企业 Q/CZXX 001-2019 (food enterprise standards end in S: Q/JSYK 0001S-2020).
  // Without a space the code must end in a letter, or where it ends is a guess.
  {
    re: /^([TQ])\/(?:([A-Z0-9]*[A-Z]) ?|([A-Z0-9]+) )(\d+(?:\.\d+)*S?)-(\d{4})$/,
    read: ([, level, letterEnded, other, number, year]) =>
      chinese(`${level}/${letterEnded ?? other}`, level === 'T' ? 'group' : 'enterprise', number!, year!),
  },
  // 国际: ISO 9001:2015, ISO/IEC 17025:2017, IEC 60335-1:2010+A1:2013, ISO/TS 22002-1:2009.
  {
    re: new RegExp(
      String.raw`^(ISO|IEC|ISO/IEC|ISO/TS|ISO/TR|ISO/PAS|IEC/TS|IEC/TR|ISO/IEC TS|ISO/IEC TR|ISO/IEC/IEEE|ISO/ASTM) ?${ISO_PARTS}:(\d{4})${ISO_AMENDMENTS}$`,
    ),
    read: ([, code, parts, year, amendments]) => ({
      canonical: `${code} ${parts}:${year}${amendments}`,
      kind: 'international',
      code: code!,
      year: year!,
    }),
  },
  // 国际, Codex Alimentarius: CAC/GL 21-1997, CODEX STAN 192-1995, CXS 192-1995.
  {
    re: /^(CAC\/GL|CAC\/RCP|CAC\/MRL|CODEX STAN|CXS|CXG|CXC) ?(\d+(?:\.\d+)?)-(\d{4})$/,
    read: ([, code, number, year]) => ({ canonical: `${code} ${number}-${year}`, kind: 'international', code: code!, year: year! }),
  },
  // 国外先进, European: EN 71-3:2019, EN 71-3:2019+A1:2021, BS EN 71-3:2019, DIN EN ISO 9001:2015.
  {
    re: new RegExp(String.raw`^((?:(?:${EN_ADOPTERS}) )?EN(?: ISO| IEC)?) ?${ISO_PARTS}:(\d{4})${ISO_AMENDMENTS}$`),
    read: ([, code, parts, year, amendments]) => ({
      canonical: `${code} ${parts}:${year}${amendments}`,
      kind: 'foreign_advanced',
      code: code!,
      year: year!,
    }),
  },
  // 国外先进, national: BS 1363-1:2016, DIN 5510-2:2009, AS/NZS 3112:2017.
  {
    re: new RegExp(String.raw`^(BS|DIN|NF|AS/NZS|AS) ?(\d+(?:[-.]\d+)*):(\d{4})${ISO_AMENDMENTS}$`),
    read: ([, code, parts, year, amendments]) => ({
      canonical: `${code} ${parts}:${year}${amendments}`,
      kind: 'foreign_advanced',
      code: code!,
      year: year!,
    }),
  },
  // 国外先进, Japanese, with the division letter: JIS K 6251:2017, JIS C 8105-1:2017.
  {
    re: /^JIS ?([A-Z]) ?(\d{4}(?:-\d+)*):(\d{4})$/,
    read: ([, division, parts, year]) => ({
      canonical: `JIS ${division} ${parts}:${year}`,
      kind: 'foreign_advanced',
      code: `JIS ${division}`,
      year: year!,
    }),
  },
  // 国外先进, ASTM: D638-14, F963-17, A36/A36M-19, E84-21a, D4236-94(2021) (reapproved).
  {
    re: /^ASTM ?([A-G]) ?(\d{1,5}(?:\/[A-G]\d{1,5}M)?M?)-(\d{2})([A-E]?)(\(\d{4}\))?$/,
    read: ([, letter, designation, year, revision, reapproved]) => ({
      canonical: `ASTM ${letter}${designation}-${year}${revision!.toLowerCase()}${reapproved ?? ''}`,
      kind: 'foreign_advanced',
      code: 'ASTM',
      year: year!,
    }),
  },
  // 国外先进, American with a hyphenated year: ANSI Z87.1-2020, IEEE 802.3-2018, ASME B31.3-2020.
  {
    re: /^(ANSI|IEEE|ASME) (?:STD )?([A-Z]{0,2}\d+(?:\.\d+)*[A-Z]?)-(\d{4})$/,
    read: ([, code, number, year]) => ({ canonical: `${code} ${number}-${year}`, kind: 'foreign_advanced', code: code!, year: year! }),
  },
];

/**
 * The text as a number is compared: full-width forms made half-width (NFKC), every dash a
 * hyphen, upper case, spaces single, none around '/', '-', ':' or '+'. An ISO-style year typed
 * after a hyphen (ISO 9001-2015) takes its colon.
 */
export function normaliseStandardText(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63]/g, '-')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ ?([/\-:+]) ?/g, '$1')
    .replace(/^((?:[A-Z]+ )*(?:ISO|IEC|EN)[^:]*\d)-((?:19|20)\d\d)$/, '$1:$2');
}

/** The number's canonical form and kind; null when it is of no form known here. */
export function parseStandardNo(input: string): StandardNumber | null {
  const text = normaliseStandardText(input);
  for (const rule of RULES) {
    const m = text.match(rule.re);
    const read = m && rule.read(m);
    if (read) return read;
  }
  // A Chinese standard that adopts an international one is often cited with both: GB/T 19001-2016/ISO 9001:2015.
  const dual = text.match(/^(.+?-\d{4})\/((?:ISO|IEC|EN).+)$/);
  if (dual) {
    const own = parseStandardNo(dual[1]!);
    const adopted = parseStandardNo(dual[2]!);
    if (
      own &&
      adopted &&
      !['international', 'foreign_advanced'].includes(own.kind) &&
      ['international', 'foreign_advanced'].includes(adopted.kind)
    ) {
      return { ...own, canonical: `${own.canonical}/${adopted.canonical}` };
    }
  }
  return null;
}
