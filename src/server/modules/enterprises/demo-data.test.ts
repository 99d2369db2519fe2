import { describe, expect, it } from 'vitest';
import { parseStandardNo } from '../../lib/standard-numbers';
import { checkUscc } from '../../lib/uscc';
import { demoDetails, demoEnterprise } from './demo-data';

describe('demo archive generator', () => {
  const N = 3000;
  const all = Array.from({ length: N }, (_, i) => demoEnterprise(7, i));

  it('is deterministic: the same seed and index give the same enterprise', () => {
    expect(demoEnterprise(7, 42)).toEqual(all[42]);
    expect(demoEnterprise(8, 42)).not.toEqual(all[42]);
    expect(demoDetails(7, 42, all[42]!, 2025)).toEqual(demoDetails(7, 42, all[42]!, 2025));
  });

  it('gives unique, valid USCCs registered in Chenzhou', () => {
    expect(new Set(all.map((e) => e.uscc)).size).toBe(N);
    for (const e of all) {
      const c = checkUscc(e.uscc);
      expect(c).toMatchObject({ shapeOk: true, orgCheckOk: true, usccCheckOk: true, categoryName: '企业' });
      expect(c.regionCode === e.regionCode || c.regionCode === `${e.regionCode.slice(0, 4)}00`).toBe(true);
    }
  });

  it('spreads enterprises over the 11 counties by size, the six key industries dominant', () => {
    const byRegion = new Map<string, number>();
    for (const e of all) byRegion.set(e.regionCode, (byRegion.get(e.regionCode) ?? 0) + 1);
    expect(byRegion.size).toBe(11);
    // 北湖 weighs 14 of 99, 桂东 5 of 99: expect 424 and 152 of 3000, give or take sampling noise.
    expect(byRegion.get('431002')!).toBeGreaterThan(350);
    expect(byRegion.get('431027')!).toBeLessThan(220);
    const other = all.filter((e) => e.industryCode === 'other').length;
    expect(other / N).toBeLessThan(0.16); // weight 12 of 100
    expect(all.filter((e) => e.aboveScale).length / N).toBeGreaterThan(0.2);
    expect(all.every((e) => /(有限公司|有限责任公司|股份有限公司)$/.test(e.name))).toBe(true);
  });

  it('details: figures 2010–2025 with new-product output below output, standards of every kind', () => {
    const kinds = new Set<string>();
    let figures = 0;
    for (let i = 0; i < 300; i++) {
      const d = demoDetails(7, i, all[i]!, 2025);
      for (const y of d.yearly) {
        expect(y.year).toBeGreaterThanOrEqual(2010);
        expect(y.year).toBeLessThanOrEqual(2025);
        expect(y.newProduct).toBeLessThanOrEqual(y.output);
        figures++;
      }
      for (const p of d.products) {
        for (const s of p.standards) {
          kinds.add(s.kind);
          // Numbers a lawful archive holds: of a known form, agreeing with their kind.
          expect(parseStandardNo(s.standardNo), s.standardNo).toMatchObject({ canonical: s.standardNo, kind: s.kind });
          if (s.adoption !== 'none') expect(['international', 'foreign_advanced']).toContain(parseStandardNo(s.adoptedStandardNo)?.kind);
        }
      }
      for (const c of d.certifications) expect(c.expiresOn > c.issuedOn).toBe(true);
    }
    expect(figures).toBeGreaterThan(300);
    expect([...kinds].sort()).toEqual(['enterprise', 'foreign_advanced', 'group', 'industry', 'international', 'local', 'national']);
  });
});
