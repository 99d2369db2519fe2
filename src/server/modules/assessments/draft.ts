/**
 * The first draft of a year's county assessment scheme, pure: the items after the national
 * template (six indicator items of 10, four work items of 10, a deduction, a veto), each indicator
 * item named as the indicator it reads, and the city's count targets split among the counties.
 * A draft: the office edits every item and target before it opens the scheme.
 */
import type { Scoring, Step } from './scoring';

type DraftItem = {
  code: string;
  name: string;
  kind: 'indicator' | 'work' | 'deduction' | 'veto';
  points: number;
  indicatorCode?: string;
  scoring?: Scoring;
  steps?: Step[];
  guidance?: string;
};

const INDICATOR_ITEMS: { code: string; indicatorCode: string; scoring: Scoring; steps?: Step[] }[] = [
  { code: 'Z1', indicatorCode: 'PQ-STDCOV', scoring: 'proportional' },
  {
    code: 'Z2',
    indicatorCode: 'PQ-KEYPASS',
    scoring: 'stepped',
    steps: [
      { atLeast: 95, share: 0.8 },
      { atLeast: 90, share: 0.5 },
    ],
  },
  { code: 'Z3', indicatorCode: 'PQ-NEWPROD', scoring: 'proportional' },
  { code: 'Z4', indicatorCode: 'PQ-HNBRAND', scoring: 'proportional' },
  { code: 'Z5', indicatorCode: 'PQ-ADOPT', scoring: 'proportional' },
  { code: 'Z6', indicatorCode: 'CON-FIRSTPASS', scoring: 'full_or_zero' },
];
const OTHER_ITEMS: DraftItem[] = [
  { code: 'G1', name: '质量兴县工作方案制定和备案', kind: 'work', points: 10, guidance: '工作方案文件、备案回执' },
  { code: 'G2', name: '质量月等质量活动', kind: 'work', points: 10, guidance: '活动方案、照片、报道' },
  { code: 'G3', name: '质量培训', kind: 'work', points: 10, guidance: '培训通知、签到表、课件' },
  { code: 'G4', name: '质量工作机构和经费保障', kind: 'work', points: 10, guidance: '机构设置文件、预算' },
  { code: 'K1', name: '质量投诉、事件处置不力', kind: 'deduction', points: -10, guidance: '每件扣 2 分' },
  { code: 'F1', name: '发生区域性、系统性重大质量安全事故', kind: 'veto', points: 0 },
];

export const SPLIT_RULE =
  '数量类指标的全市目标按各县市区规模以上工业企业数（档案中在营、未注销的）占全市的比例分解，取整用最大余数法（各县之和等于全市目标）；全市没有规模以上企业时平均分解。比率类指标各县市区沿用计划目标。草案供修改。';

/**
 * `total` split in proportion to `weights` (each county's above-scale enterprises), whole numbers
 * adding up to `total` by the largest remainder (ties to the county listed first); evenly when
 * every weight is 0. A target that is not a whole number is split without rounding.
 */
export function splitTarget(total: number, weights: { regionCode: string; weight: number }[]): Map<string, number> {
  const sum = weights.reduce((s, w) => s + w.weight, 0);
  const share = (w: number) => (sum === 0 ? 1 / weights.length : w / sum);
  if (!Number.isInteger(total)) return new Map(weights.map((w) => [w.regionCode, total * share(w.weight)]));
  const exact = weights.map((w, i) => ({ i, regionCode: w.regionCode, exact: total * share(w.weight) }));
  const out = new Map(exact.map((e) => [e.regionCode, Math.floor(e.exact)]));
  let left = total - [...out.values()].reduce((s, n) => s + n, 0);
  for (const e of [...exact].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.i - b.i)) {
    if (left-- <= 0) break;
    out.set(e.regionCode, out.get(e.regionCode)! + 1);
  }
  return out;
}

/** The draft's items and county targets from the plan's indicators (those it has, with a target) and each county's weight. */
export function draftScheme(
  indicators: { code: string; name: string; kind: string; target: number | null }[],
  weights: { regionCode: string; weight: number }[],
) {
  const items: DraftItem[] = [];
  const countyTargets: { regionCode: string; indicatorCode: string; target: number }[] = [];
  for (const d of INDICATOR_ITEMS) {
    const indicator = indicators.find((i) => i.code === d.indicatorCode);
    if (!indicator || indicator.target === null) continue;
    items.push({ ...d, name: indicator.name, kind: 'indicator', points: 10 });
    if (indicator.kind === 'count')
      for (const [regionCode, target] of splitTarget(indicator.target, weights))
        countyTargets.push({ regionCode, indicatorCode: indicator.code, target });
  }
  // The indicator items the plan lacks leave their points to the work items, so the draft still adds up to 100.
  const spare = (INDICATOR_ITEMS.length - items.length) * 10;
  const work = OTHER_ITEMS.filter((i) => i.kind === 'work').length;
  items.push(...OTHER_ITEMS.map((i) => (i.kind === 'work' ? { ...i, points: i.points + spare / work } : i)));
  return { items, countyTargets, splitRule: SPLIT_RULE };
}
