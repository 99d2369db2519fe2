import { describe, expect, it } from 'vitest';
import { normaliseStandardText, parseStandardNo, type StandardKind } from './standard-numbers';

describe('standard numbers', () => {
  // [as typed, canonical, kind, code, year]
  const known: [string, string, StandardKind, string, string][] = [
    // 国家
    ['GB 2760-2014', 'GB 2760-2014', 'national', 'GB', '2014'],
    ['GB/T 5023.3-2008', 'GB/T 5023.3-2008', 'national', 'GB/T', '2008'],
    ['GB/T 12706.1-2020', 'GB/T 12706.1-2020', 'national', 'GB/T', '2020'],
    ['GB/Z 17625.6-2003', 'GB/Z 17625.6-2003', 'national', 'GB/Z', '2003'],
    ['GB 4806.1-2016', 'GB 4806.1-2016', 'national', 'GB', '2016'],
    ['GB 50016-2014', 'GB 50016-2014', 'national', 'GB', '2014'],
    ['GBZ 2.1-2019', 'GBZ 2.1-2019', 'national', 'GBZ', '2019'],
    ['GB 5749-85', 'GB 5749-85', 'national', 'GB', '85'],
    // 行业
    ['HG/T 2006-2006', 'HG/T 2006-2006', 'industry', 'HG/T', '2006'],
    ['QB/T 1002-2015', 'QB/T 1002-2015', 'industry', 'QB/T', '2015'],
    ['JB/T 10391-2008', 'JB/T 10391-2008', 'industry', 'JB/T', '2008'],
    ['SN/T 1234.2-2010', 'SN/T 1234.2-2010', 'industry', 'SN/T', '2010'],
    ['NY/T 391-2013', 'NY/T 391-2013', 'industry', 'NY/T', '2013'],
    ['YY 0505-2012', 'YY 0505-2012', 'industry', 'YY', '2012'],
    ['WS/T 367-2012', 'WS/T 367-2012', 'industry', 'WS/T', '2012'],
    ['NB/SH/T 0001-2019', 'NB/SH/T 0001-2019', 'industry', 'NB/SH/T', '2019'],
    ['JGJ 130-2011', 'JGJ 130-2011', 'industry', 'JGJ', '2011'],
    ['JTG D60-2015', 'JTG D60-2015', 'industry', 'JTG', '2015'],
    ['DB/T 15-2009', 'DB/T 15-2009', 'industry', 'DB/T', '2009'], // 地震, not a local standard
    // 地方
    ['DB43/T 1234-2016', 'DB43/T 1234-2016', 'local', 'DB43/T', '2016'],
    ['DB4310/T 12-2020', 'DB4310/T 12-2020', 'local', 'DB4310/T', '2020'],
    ['DB43/ 329.1-2019', 'DB43/ 329.1-2019', 'local', 'DB43/', '2019'],
    ['DB43 329-2019', 'DB43/ 329-2019', 'local', 'DB43/', '2019'],
    ['DB431002/T 3-2023', 'DB431002/T 3-2023', 'local', 'DB431002/T', '2023'],
    // 团体, 企业
    ['T/CNFIA 001-2018', 'T/CNFIA 001-2018', 'group', 'T/CNFIA', '2018'],
    ['T/CECS 10001-2019', 'T/CECS 10001-2019', 'group', 'T/CECS', '2019'],
    ['T/ZZB 0001-2017', 'T/ZZB 0001-2017', 'group', 'T/ZZB', '2017'],
    ['Q/CZXX 001-2019', 'Q/CZXX 001-2019', 'enterprise', 'Q/CZXX', '2019'],
    ['Q/GDW 1234-2014', 'Q/GDW 1234-2014', 'enterprise', 'Q/GDW', '2014'],
    ['Q/12HB 4029-2010', 'Q/12HB 4029-2010', 'enterprise', 'Q/12HB', '2010'],
    ['Q/JSYK 0001S-2020', 'Q/JSYK 0001S-2020', 'enterprise', 'Q/JSYK', '2020'],
    ['Q/320000 001-2019', 'Q/320000 001-2019', 'enterprise', 'Q/320000', '2019'],
    // 国际
    ['ISO 9001:2015', 'ISO 9001:2015', 'international', 'ISO', '2015'],
    ['ISO/IEC 17025:2017', 'ISO/IEC 17025:2017', 'international', 'ISO/IEC', '2017'],
    ['ISO/TS 22002-1:2009', 'ISO/TS 22002-1:2009', 'international', 'ISO/TS', '2009'],
    ['ISO 8124-1:2018', 'ISO 8124-1:2018', 'international', 'ISO', '2018'],
    ['IEC 60335-1:2010', 'IEC 60335-1:2010', 'international', 'IEC', '2010'],
    ['IEC 60335-2-24:2020', 'IEC 60335-2-24:2020', 'international', 'IEC', '2020'],
    ['IEC 60335-1:2010+A1:2013', 'IEC 60335-1:2010+A1:2013', 'international', 'IEC', '2010'],
    ['ISO 3506-1:2009/AMD1:2016', 'ISO 3506-1:2009/AMD1:2016', 'international', 'ISO', '2009'],
    ['CODEX STAN 192-1995', 'CODEX STAN 192-1995', 'international', 'CODEX STAN', '1995'],
    ['CAC/GL 21-1997', 'CAC/GL 21-1997', 'international', 'CAC/GL', '1997'],
    // 国外先进
    ['EN 71-3:2019', 'EN 71-3:2019', 'foreign_advanced', 'EN', '2019'],
    ['EN 71-3:2019+A1:2021', 'EN 71-3:2019+A1:2021', 'foreign_advanced', 'EN', '2019'],
    ['BS EN 71-3:2019', 'BS EN 71-3:2019', 'foreign_advanced', 'BS EN', '2019'],
    ['BS EN 60335-1:2012+A11:2014', 'BS EN 60335-1:2012+A11:2014', 'foreign_advanced', 'BS EN', '2012'],
    ['DIN EN ISO 9001:2015', 'DIN EN ISO 9001:2015', 'foreign_advanced', 'DIN EN ISO', '2015'],
    ['EN ISO 12100:2010', 'EN ISO 12100:2010', 'foreign_advanced', 'EN ISO', '2010'],
    ['BS 1363-1:2016', 'BS 1363-1:2016', 'foreign_advanced', 'BS', '2016'],
    ['DIN 5510-2:2009', 'DIN 5510-2:2009', 'foreign_advanced', 'DIN', '2009'],
    ['AS/NZS 3112:2017', 'AS/NZS 3112:2017', 'foreign_advanced', 'AS/NZS', '2017'],
    ['JIS K 6251:2017', 'JIS K 6251:2017', 'foreign_advanced', 'JIS K', '2017'],
    ['JIS C 8105-1:2017', 'JIS C 8105-1:2017', 'foreign_advanced', 'JIS C', '2017'],
    ['ASTM D638-14', 'ASTM D638-14', 'foreign_advanced', 'ASTM', '14'],
    ['ASTM F963-17', 'ASTM F963-17', 'foreign_advanced', 'ASTM', '17'],
    ['ASTM A36/A36M-19', 'ASTM A36/A36M-19', 'foreign_advanced', 'ASTM', '19'],
    ['ASTM E84-21a', 'ASTM E84-21a', 'foreign_advanced', 'ASTM', '21'],
    ['ASTM D4236-94(2021)', 'ASTM D4236-94(2021)', 'foreign_advanced', 'ASTM', '94'],
    ['ANSI Z87.1-2020', 'ANSI Z87.1-2020', 'foreign_advanced', 'ANSI', '2020'],
    ['IEEE 802.3-2018', 'IEEE 802.3-2018', 'foreign_advanced', 'IEEE', '2018'],
    ['ASME B31.3-2020', 'ASME B31.3-2020', 'foreign_advanced', 'ASME', '2020'],
  ];
  it.each(known)('%s → %s (%s)', (typed, canonical, kind, code, year) => {
    expect(parseStandardNo(typed)).toEqual({ canonical, kind, code, year });
  });

  // As officers type them: full-width letters, digits and slashes (IME on), the em dash of printed
  // standards, Chinese colons, spaces missing or doubled, lower case.
  const typed: [string, string][] = [
    ['ＧＢ／Ｔ　５０２３．３－２００８', 'GB/T 5023.3-2008'],
    ['GB/T 5023.3—2008', 'GB/T 5023.3-2008'],
    ['GB/T5023.3-2008', 'GB/T 5023.3-2008'],
    ['gb/t 5023.3-2008', 'GB/T 5023.3-2008'],
    ['  GB /T  5023.3 - 2008 ', 'GB/T 5023.3-2008'],
    ['GB 2760–2014', 'GB 2760-2014'],
    ['GB2760-2014', 'GB 2760-2014'],
    ['hg/t2006-2006', 'HG/T 2006-2006'],
    ['ＤＢ４３／Ｔ　１２３４－２０１６', 'DB43/T 1234-2016'],
    ['DB4310/T12-2020', 'DB4310/T 12-2020'],
    ['DB 43/T 1234-2016', 'DB43/T 1234-2016'],
    ['q/czxx001-2019', 'Q/CZXX 001-2019'],
    ['Ｑ／ＣＺＸＸ　００１－２０１９', 'Q/CZXX 001-2019'],
    ['T/CNFIA001—2018', 'T/CNFIA 001-2018'],
    ['ISO9001:2015', 'ISO 9001:2015'],
    ['ISO 9001：2015', 'ISO 9001:2015'],
    ['ISO 9001-2015', 'ISO 9001:2015'],
    ['iso/iec 17025 : 2017', 'ISO/IEC 17025:2017'],
    ['IEC 60335-1:2010 + A1:2013', 'IEC 60335-1:2010+A1:2013'],
    ['EN71-3:2019', 'EN 71-3:2019'],
    ['bs en 71-3：2019', 'BS EN 71-3:2019'],
    ['JIS K6251:2017', 'JIS K 6251:2017'],
    ['JISK6251:2017', 'JIS K 6251:2017'],
    ['ASTM D 638-14', 'ASTM D638-14'],
    ['astm d638－14', 'ASTM D638-14'],
  ];
  it.each(typed)('reads %j as %s', (input, canonical) => {
    expect(parseStandardNo(input)?.canonical).toBe(canonical);
  });

  it('reads a Chinese number cited with the international one it adopts as the Chinese standard', () => {
    expect(parseStandardNo('GB/T 19001-2016/ISO 9001:2015')).toEqual({
      canonical: 'GB/T 19001-2016/ISO 9001:2015',
      kind: 'national',
      code: 'GB/T',
      year: '2016',
    });
    expect(parseStandardNo('GB/T19001—2016/ISO9001：2015')?.canonical).toBe('GB/T 19001-2016/ISO 9001:2015');
    // Not two Chinese numbers, nor an international one "adopting" a Chinese one.
    expect(parseStandardNo('GB/T 19001-2016/GB 2760-2014')).toBeNull();
  });

  const unknown: [string, string][] = [
    ['XX', 'not a standard code'],
    ['GB', 'no number'],
    ['GB 2760', 'no year'],
    ['GB/T 5023.3', 'no year'],
    ['GBT 2760-2014', 'GB/T without its slash is not guessed'],
    ['XX 1234-2019', 'an unknown code'],
    ['GB/X 1234-2019', 'GB with an unknown nature'],
    ['AB/T 1234-2019', 'not an industry code'],
    ['GJB 151B-2013', 'military standards are not classed here'],
    ['DB99/T 1234-2016', 'no such province'],
    ['DB43/T 1234-3016', 'a year out of range'],
    ['HG/T D2006-2006', 'a letter before the number belongs to JTG only'],
    ['Q/ 001-2019', 'an enterprise standard without its code'],
    ['T/CNFIA 001', 'no year'],
    ['ISO 9001', 'no year'],
    ['ISO 9001:15', 'a two-digit ISO year'],
    ['IEC 60335-2-24', 'no year'],
    ['ASTM D638', 'no year'],
    ['ASTM D638-2014', 'ASTM writes a two-digit year'],
    ['UL 94', 'cited without a year'],
    ['JIS 6251:2017', 'no division letter'],
    ['企业标准', 'words'],
    ['', 'empty'],
  ];
  it.each(unknown)('%j is of no known form (%s)', (input) => {
    expect(parseStandardNo(input)).toBeNull();
  });

  it('normalises full-width forms, dashes, case and spaces', () => {
    expect(normaliseStandardText('ＧＢ／Ｔ　５０２３．３－２００８')).toBe('GB/T 5023.3-2008');
    expect(normaliseStandardText(' q/czxx   001 — 2019 ')).toBe('Q/CZXX 001-2019');
  });
});
