import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database';
import { partOf, type Source } from './calculators';

/** A part of a county × industry cell (calculators' partOf): the unit in which computed indicators' sums are kept. */
export interface Part {
  region: string;
  industry: string;
  part: string;
  /** A case's year: cases are kept per year. */
  year?: number;
}

/** What a calculator's parts are keyed on: its enterprise's (products, enterprises, honours), or a case's (county, category's industry, case id), which are kept per year. */
export interface Among {
  cases: boolean;
  year: number;
}
type Changed = (since: string) => RawBuilder<unknown>[];
const E = partOf('e.id');
const I = partOf('i.id');
/** The parts of cells of an enterprise and of its honours and flagship designations (kept in the county they were made in). */
const enterpriseParts = (from: RawBuilder<unknown>, where: RawBuilder<unknown>) => [
  sql`select distinct e.region_code, e.industry_code, ${E} as part from ${from} where ${where}`,
  sql`select distinct h.region_code, e.industry_code, ${E} as part from ${from} inner join honours h on h.enterprise_id = e.id where ${where}`,
  sql`select distinct f.region_code, e.industry_code, ${E} as part from ${from} inner join flagship_designations f on f.enterprise_id = e.id where ${where}`,
];
/**
 * Sources whose rows fall in a case's part, with its year: the cases changed, or naming a changed
 * product (a case's year, county and category are set when it is registered and never change).
 * The year is picked in changedParts, not in the query: SQLite would walk the year's cases by it.
 */
const CASE_CHANGES: Partial<Record<Source, Changed>> = {
  products: (since) => [
    sql`select distinct i.year, i.region_code, c.industry_code, ${I} as part from products p inner join inspections i on i.product_id = p.id inner join product_categories c on c.code = i.category_code where p.updated_at >= ${since}`,
  ],
  inspections: (since) => [
    sql`select distinct i.year, i.region_code, c.industry_code, ${I} as part from inspections i inner join product_categories c on c.code = i.category_code where i.updated_at >= ${since}`,
  ],
};

/**
 * Where each source table's rows changed since a stamp fall: every part of a cell whose sums those rows
 * may have moved, for any calculator of the enterprise's parts (CASE_CHANGES for the cases'). The
 * reference tables (categories, programmes) have no cell: a change there makes every cell stale.
 */
const CHANGED: Partial<Record<Source, Changed>> = {
  enterprises: (since) => enterpriseParts(sql`enterprises e`, sql`e.updated_at >= ${since}`),
  products: (since) => [
    sql`select distinct e.region_code, e.industry_code, ${E} as part from products p inner join enterprises e on e.id = p.enterprise_id where p.updated_at >= ${since}`,
  ],
  product_standards: (since) => [
    sql`select distinct e.region_code, e.industry_code, ${E} as part from product_standards ps inner join products p on p.id = ps.product_id inner join enterprises e on e.id = p.enterprise_id where ps.updated_at >= ${since}`,
  ],
  certifications: (since) => [
    sql`select distinct e.region_code, e.industry_code, ${E} as part from certifications c inner join enterprises e on e.id = c.enterprise_id where c.updated_at >= ${since}`,
  ],
  enterprise_yearly_figures: (since) => [
    sql`select distinct e.region_code, e.industry_code, ${E} as part from enterprise_yearly_figures y inner join enterprises e on e.id = y.enterprise_id where y.updated_at >= ${since}`,
  ],
  honours: (since) => enterpriseParts(sql`honours x inner join enterprises e on e.id = x.enterprise_id`, sql`x.updated_at >= ${since}`),
  flagship_designations: (since) =>
    enterpriseParts(sql`flagship_designations x inner join enterprises e on e.id = x.enterprise_id`, sql`x.updated_at >= ${since}`),
};

/**
 * Rows dated a little before the stamp are read again too: a transaction that committed after
 * the stamp was taken, or a server whose clock is behind, may have written them.
 */
const LOOK_BACK_MS = 5 * 60_000;
const lookBack = (stamp: string) => new Date(Date.parse(stamp) - LOOK_BACK_MS).toISOString();

/** A table's changed parts between two of its stamps (null: too many), remembered: every indicator reading the table asks the same. */
const seen = new Map<string, Part[] | null>();
async function tableParts(
  db: Kysely<Database>,
  changed: Changed,
  among: Among,
  table: string,
  since: string,
  until: string,
  most: number,
): Promise<Part[] | null> {
  const key = `${table}|${among.cases}|${since}|${until}|${most}`;
  if (seen.has(key)) return seen.get(key)!;
  const parts = new Map<string, Part>();
  for (const query of changed(lookBack(since))) {
    // Each query stops at `most` + 1 parts: past that the answer is "all" whatever the rest holds.
    const { rows } = await sql<{
      year?: number;
      region_code: string;
      industry_code: string;
      part: string;
    }>`${query} limit ${most + 1}`.execute(db);
    for (const r of rows)
      parts.set(`${r.year ?? ''}|${r.region_code}|${r.industry_code}|${r.part}`, {
        region: r.region_code,
        industry: r.industry_code,
        part: r.part,
        year: r.year === undefined ? undefined : Number(r.year),
      });
    if (parts.size > most) break;
  }
  const out = parts.size > most ? null : [...parts.values()];
  seen.set(key, out);
  if (seen.size > 500) seen.delete(seen.keys().next().value!);
  return out;
}

/**
 * The parts of cells (of the calculator's kind, and the year's for cases) touched by the sources'
 * changes between two stamps, or null when every cell must be read again: a reference table changed, an enterprise moved county or industry, a table was
 * empty before, or more than `most` parts changed (reading all of them is then quicker).
 */
export async function changedParts(
  db: Kysely<Database>,
  before: Record<string, string>,
  now: Record<string, string>,
  among: Among,
  most: number,
): Promise<Part[] | null> {
  const parts = new Map<string, Part>();
  for (const [table, stamp] of Object.entries(now)) {
    if (before[table] === stamp) continue;
    const changed = (among.cases ? CASE_CHANGES : CHANGED)[table as Source];
    if (!changed || !before[table]) return null;
    const found = await tableParts(db, changed, among, table, before[table]!, stamp, most);
    if (!found) return null;
    for (const c of found) if (c.year === undefined || c.year === among.year) parts.set(`${c.region}|${c.industry}|${c.part}`, c);
    if (parts.size > most) return null;
  }
  return [...parts.values()];
}
