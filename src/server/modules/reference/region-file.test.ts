import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegionFile } from './region-file';

const rows = (lines: string[][]) => lines.map((cells, i) => ({ line: i + 1, cells }));

describe('region file', () => {
  it('reads the Chinese headers and level labels and puts parents before children', () => {
    const text = fs
      .readFileSync('test/fixtures/regions-zhuzhou.csv', 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    // Children first in the file: the order of writing must still put each parent first.
    const [header, ...body] = text;
    const { entries, problems } = parseRegionFile(rows([header!, ...body.reverse()]), new Set(['430000']));
    expect(problems).toEqual([]);
    const order = entries.map((e) => e.code);
    expect(order.indexOf('430200')).toBeLessThan(order.indexOf('430202'));
    expect(order.indexOf('430202')).toBeLessThan(order.indexOf('430202001'));
    expect(entries.find((e) => e.code === '430202001')).toEqual({
      code: '430202001',
      name: '月塘街道',
      nameEn: 'Yuetang Street',
      level: 'township',
      parentCode: '430202',
    });
    expect(entries.find((e) => e.code === '430281')?.level).toBe('county_city');
  });

  it('names every bad row and writes nothing', () => {
    const { entries, problems } = parseRegionFile(
      rows([
        ['code', 'name', 'level', 'parent_code'],
        ['43020', '短码', 'county', '430200'],
        ['430299', '', '镇', '430200'],
        ['430298', '无上级', 'county', '439999'],
        ['430297', '甲', 'county', '430296'],
        ['430296', '乙', 'county', '430297'],
        ['430200', '株洲市', 'city', ''],
        ['430200', '株洲市', 'city', ''],
      ]),
      new Set(),
    );
    expect(entries).toEqual([]);
    expect(problems).toEqual([
      '第 2 行：代码 43020 不是 6、9 或 12 位数字',
      '第 3 行：名称为空；级别 镇 无法识别',
      '第 8 行：代码 430200 重复',
      '第 4 行：上级代码 439999 不在文件中，也未载入',
      '第 5 行：上级关系成环（430297 → 430296 → 430297）',
    ]);
  });

  it('finds the header below a title row and skips blank lines, as a bureau’s table has them', () => {
    const { entries, problems } = parseRegionFile(
      rows([
        ['郴州市北湖区乡镇街道区划代码表（2024年）', '', '', '', ''],
        ['代码', '名称', '英文名称', '级别', '上级代码'],
        ['431002001', '人民路街道', 'Renminlu Street', '乡镇街道', '431002'],
        ['', '', '', '', ''],
        ['431002100201', '石仁村', '', '村社区', '431002100'],
        ['431002100', '华塘镇', 'Huatang', '乡镇街道', '431002'],
      ]),
      new Set(['431002']),
    );
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.code)).toEqual(['431002001', '431002100', '431002100201']);
  });

  it('asks for the columns it needs', () => {
    expect(parseRegionFile(rows([['code', 'name']]), new Set()).problems).toEqual(['表头缺少列 level', '表头缺少列 parent_code']);
  });
});
