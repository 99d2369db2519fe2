/**
 * The platform's regions as a tree of any depth (province → city → county → township, as a bureau
 * loads them), and the one place that knows where the platform's own jurisdiction sits in it.
 * Pure: built from the region rows, so another city adopts the platform by loading its regions.
 */

export interface RegionNode {
  code: string;
  parentCode: string | null;
  level: string;
  active: boolean;
}

/** Why a tree cannot serve as the platform's regions; start-up reports it and stops. */
export class RegionTreeError extends Error {}

export class RegionTree {
  private readonly nodes = new Map<string, RegionNode>();
  private readonly children = new Map<string, RegionNode[]>();
  private readonly below = new Map<string, readonly string[]>();
  /** The jurisdiction the platform serves: its "city" (市本级 plans, the assessed units below it). */
  readonly home: RegionNode;

  /**
   * `nodes` in display order. `homeSetting` is QC_HOME_REGION; without it the home is the one active
   * region of level `city`, which is what a city's own tree holds.
   */
  constructor(nodes: readonly RegionNode[], homeSetting: string | null) {
    for (const n of nodes) this.nodes.set(n.code, n);
    for (const n of nodes) {
      if (n.parentCode === null || !this.nodes.has(n.parentCode)) continue;
      const list = this.children.get(n.parentCode) ?? [];
      list.push(n);
      this.children.set(n.parentCode, list);
    }
    this.home = this.resolveHome(homeSetting);
  }

  private resolveHome(setting: string | null): RegionNode {
    if (setting) {
      const node = this.nodes.get(setting);
      if (!node) throw new RegionTreeError(`QC_HOME_REGION ${setting} is not among the loaded regions`);
      return node;
    }
    const cities = [...this.nodes.values()].filter((n) => n.level === 'city' && n.active);
    if (cities.length !== 1) {
      throw new RegionTreeError(`the regions hold ${cities.length} active cities; set QC_HOME_REGION to the region the platform serves`);
    }
    return cities[0]!;
  }

  /** The region and every region below it, retired ones included (old records keep their codes). */
  subtree(code: string): readonly string[] {
    const known = this.below.get(code);
    if (known) return known;
    const out: string[] = [];
    const visit = (c: string, depth: number) => {
      // A parent loop in edited data must not hang a request; real trees are a few levels deep.
      if (depth > 16 || !this.nodes.has(c)) return;
      out.push(c);
      for (const child of this.children.get(c) ?? []) visit(child.code, depth + 1);
    };
    visit(code, 0);
    this.below.set(code, out);
    return out;
  }

  /** True when `code` is `ancestor` or lies below it. */
  contains(ancestor: string, code: string): boolean {
    return this.subtree(ancestor).includes(code);
  }

  /** The active regions directly under the home: the counties and districts assessed and reported for. */
  units(): string[] {
    return (this.children.get(this.home.code) ?? []).filter((n) => n.active).map((n) => n.code);
  }

  /** The region above the home (the province whose figures are the reference); null when the home is a root. */
  parentOfHome(): string | null {
    return this.home.parentCode && this.nodes.has(this.home.parentCode) ? this.home.parentCode : null;
  }
}
