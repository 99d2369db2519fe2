import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coreName, nameSimilarity, offered } from './firm-names';

describe('trade names', () => {
  it.each([
    ['湖南盾安消防科技有限公司', '盾安'],
    ['郴州市安盾消防器材有限公司', '安盾'],
    ['郴州市北湖区安盾消防器材经营部', '安盾'],
    ['安盾（郴州）消防器材有限公司', '安盾'],
    ['湖南省郴州市湘南金源食品有限公司', '湘南金源'],
    ['宜章县莽山红茶业有限公司', '莽山红'],
    ['郴州农夫果园种植农民专业合作社', '农夫果园'],
    // Nothing but place and trade: the name keeps its place rather than vanish.
    ['郴州市食品厂', '郴州市'],
    ['资兴市东江湖鱼业有限公司', '东江湖'],
    ['嘉禾县三星锻造有限公司', '三星'],
  ])('%s → %s', (name, core) => {
    expect(coreName(name)).toBe(core);
  });

  it('scores the trade names: 1 for the same firm written otherwise, 0 for neighbours in the same trade', () => {
    expect(nameSimilarity('郴州安盾消防器材有限公司', '郴州市安盾消防器材有限责任公司')).toBe(1);
    expect(nameSimilarity('郴州盾安消防器材有限公司', '郴州市安盾消防器材有限公司')).toBe(0);
    // 湘南金原 / 湘南金源: grams {湘南, 南金, 金原} and {湘南, 南金, 金源}, 2 shared: 2·2 / (3 + 3) = 0.67.
    expect(nameSimilarity('郴州市湘南金原食品有限公司', '郴州市湘南金源食品有限公司')).toBe(0.67);
  });
});

/**
 * Precision and recall on 202 hand-checked pairs (test/fixtures/firm-name-pairs.tsv): a pair is
 * offered when its score reaches the threshold. Measured 2026-12-07 — see the README.
 */
describe('the look-alike matcher on 202 hand-checked name pairs', () => {
  const pairs = fs
    .readFileSync('test/fixtures/firm-name-pairs.tsv', 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [a, b, same, note] = l.split('\t');
      return { a: a!, b: b!, same: same === '1', note: note ?? '' };
    });

  it('has 200 or more pairs, both kinds', () => {
    expect(pairs.length).toBe(202);
    expect(pairs.filter((p) => p.same).length).toBeGreaterThan(80);
    expect(pairs.filter((p) => !p.same).length).toBeGreaterThan(80);
  });

  it('offers the same firm and not its neighbours: precision ≥ 0.95, recall ≥ 0.95', () => {
    let tp = 0,
      fp = 0,
      fn = 0;
    const misses: string[] = [];
    for (const p of pairs) {
      const offers = offered(nameSimilarity(p.a, p.b));
      if (offers && p.same) tp++;
      else if (offers) {
        fp++;
        misses.push(`false offer: ${p.a} / ${p.b}`);
      } else if (p.same) {
        fn++;
        misses.push(`missed: ${p.a} / ${p.b}`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `look-alike matcher: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp} offered rightly, ${fp} wrongly, ${fn} missed of ${pairs.length})\n${misses.join('\n')}`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('whole-name scoring, as before, would offer the neighbours (the baseline this replaces)', () => {
    const wrong = pairs.filter((p) => !p.same && offered(wholeName(p.a, p.b))).length;
    const right = pairs.filter((p) => p.same && offered(wholeName(p.a, p.b))).length;
    console.log(
      `whole names: precision ${(right / (right + wrong)).toFixed(3)}, recall ${(right / pairs.filter((p) => p.same).length).toFixed(3)}`,
    );
    expect(wrong).toBeGreaterThan(80);
  });
});

/** The earlier scoring: Dice over the whole names' grams with only place and legal form removed at the ends. */
function wholeName(a: string, b: string): number {
  const grams = (s: string) => {
    const g: string[] = [];
    for (let i = 0; i + 1 < s.length; i++) g.push(s.slice(i, i + 2));
    return g;
  };
  const ga = grams(a);
  const gb = new Set(grams(b));
  return (2 * ga.filter((g) => gb.has(g)).length) / (ga.length + gb.size);
}
