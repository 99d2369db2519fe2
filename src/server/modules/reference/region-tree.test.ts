import { describe, expect, it } from 'vitest';
import { RegionTree, RegionTreeError, type RegionNode } from './region-tree';

const node = (code: string, parentCode: string | null, level: string, active = true): RegionNode => ({ code, parentCode, level, active });
// A second city's tree, with townships under one district and a retired county.
const ZHUZHOU = [
  node('430000', null, 'province'),
  node('430200', '430000', 'city'),
  node('430202', '430200', 'district'),
  node('430202001', '430202', 'township'),
  node('430202002', '430202', 'township'),
  node('430202001001', '430202001', 'village'),
  node('430203', '430200', 'district'),
  node('430221', '430200', 'county', false),
  node('430223', '430200', 'county'),
];

describe('region tree', () => {
  it('finds the home as the one active city, or as QC_HOME_REGION names it', () => {
    expect(new RegionTree(ZHUZHOU, null).home.code).toBe('430200');
    expect(new RegionTree(ZHUZHOU, '430000').home.code).toBe('430000');
  });

  it('refuses a tree with no city, two cities, or a setting that names no region', () => {
    expect(() => new RegionTree([node('430000', null, 'province')], null)).toThrow(RegionTreeError);
    expect(() => new RegionTree([...ZHUZHOU, node('431000', '430000', 'city')], null)).toThrow(/2 active cities/);
    expect(new RegionTree([...ZHUZHOU, node('431000', '430000', 'city', false)], null).home.code).toBe('430200');
    expect(() => new RegionTree(ZHUZHOU, '431000')).toThrow(/431000/);
  });

  it('reaches every depth below a region, retired regions included', () => {
    const tree = new RegionTree(ZHUZHOU, null);
    expect(tree.subtree('430202')).toEqual(['430202', '430202001', '430202001001', '430202002']);
    expect(tree.subtree('430203')).toEqual(['430203']);
    expect(tree.subtree('430200')).toHaveLength(8);
    expect(tree.subtree('999999')).toEqual([]);
    expect(tree.contains('430202', '430202001001')).toBe(true);
    expect(tree.contains('430203', '430202001')).toBe(false);
  });

  it('counts as units the active regions directly under the home; the province is the home’s parent', () => {
    const tree = new RegionTree(ZHUZHOU, null);
    expect(tree.units()).toEqual(['430202', '430203', '430223']);
    expect(tree.parentOfHome()).toBe('430000');
    expect(new RegionTree(ZHUZHOU, '430000').parentOfHome()).toBeNull();
  });

  it('stops at a parent loop in edited data instead of hanging', () => {
    const looped = new RegionTree([node('430200', '430201', 'city'), node('430201', '430200', 'district')], null);
    expect(looped.subtree('430200').length).toBeLessThanOrEqual(17);
  });
});
