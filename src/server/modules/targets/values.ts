import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database';
import { today } from '../../lib/dates';
import { CALCULATORS, SOURCES, type CalcScope, type Source } from './calculators';
import { indicatorValue, type IndicatorKind } from './measure';
import type { PlanIndicatorTable } from './targets.table';

export type IndicatorRow = Selectable<PlanIndicatorTable>;
export type Sums = { num: number; den: number; rows: number };
/** The province's own code: where provincial averages are entered. */
export const PROVINCE = '430000';

export interface Scope {
  year: number;
  planStart: number;
  regionCode?: string;
  industryCode?: string;
  /** The sources' stamp (sourceStamp): sums computed under it are kept and reused. */
  stamp?: Stamp;
}

/** Records are read as of the year's last day, or today while the year runs. */
export const asOfYear = (year: number) => {
  const end = `${year}-12-31`;
  const now = today();
  return end < now ? end : now;
};

export const calcScope = (indicator: IndicatorRow, s: Scope): CalcScope => ({
  year: s.year, asOf: asOfYear(s.year), planStart: s.planStart, regionCode: s.regionCode, industryCode: s.industryCode, reading: JSON.parse(indicator.reading) as Record<string, unknown>,
});

/** A computed indicator's sums per county for a year and scope: one grouped query over its rows. */
async function computedSums(db: Kysely<Database>, indicator: IndicatorRow, s: Scope): Promise<Map<string, Sums>> {
  const calc = indicator.calculator ? CALCULATORS[indicator.calculator] : undefined;
  if (!calc) return new Map();
  const rows = await db
    .selectFrom(calc.rows(db, calcScope(indicator, s)).as('r'))
    .select([sql<string>`r.region_code`.as('region'), sql<number>`coalesce(sum(r.num), 0)`.as('num'), sql<number>`coalesce(sum(r.den), 0)`.as('den'), sql<number>`count(*)`.as('n')])
    .groupBy(sql`r.region_code`)
    .execute();
  return new Map(rows.map((r) => [r.region, { num: Number(r.num), den: Number(r.den), rows: Number(r.n) }]));
}

/**
 * A reported indicator's approved sums per region for a year (its own period, or its quarters):
 * a rate sums numerators and denominators, a count or value sums the values.
 */
async function reportedSums(db: Kysely<Database>, indicator: IndicatorRow, s: Scope): Promise<Map<string, Sums>> {
  // Reported figures have no industry breakdown.
  if (s.industryCode) return new Map();
  let q = db
    .selectFrom('reported_values')
    .select([
      'region_code as region',
      sql<number>`coalesce(sum(numerator), 0)`.as('num'),
      sql<number>`coalesce(sum(denominator), 0)`.as('den'),
      sql<number>`coalesce(sum(value), 0)`.as('val'),
      sql<number>`count(*)`.as('n'),
    ])
    .where('indicator_code', '=', indicator.code)
    .where('status', '=', 'approved')
    .where((eb) => eb.or([eb('period', '=', String(s.year)), eb('period', 'like', `${s.year}Q%`)]));
  if (s.regionCode && indicator.report_regions !== 'province') q = q.where('region_code', '=', s.regionCode);
  const rows = await q.groupBy('region_code').execute();
  const rate = indicator.kind === 'rate';
  return new Map(rows.map((r) => [r.region, { num: Number(rate ? r.num : r.val), den: Number(r.den), rows: Number(r.n) }]));
}

/**
 * When each source last changed: the latest updated_at of each table, read from its index
 * (migration 2026112520). Every write through the platform — API, import, CLI, another server —
 * moves it, so sums kept under an older stamp are never served.
 */
export async function sourceStamp(db: Kysely<Database>): Promise<Stamp> {
  const row = await db
    .selectNoFrom(SOURCES.map((t) => sql<string | null>`(select max(updated_at) from ${sql.table(t)})`.as(t)))
    .executeTakeFirstOrThrow();
  return Object.fromEntries(SOURCES.map((t) => [t, String((row as Record<string, unknown>)[t] ?? '')])) as Stamp;
}
export type Stamp = Record<Source, string>;

/** Sums by county, kept per indicator version, year, scope, reading day and source stamp (the 2,000 most recent). */
const kept = new Map<string, Map<string, Sums>>();
const KEEP = 2000;

export async function sumsOf(db: Kysely<Database>, indicator: IndicatorRow, s: Scope): Promise<Map<string, Sums>> {
  const read = () => (indicator.source === 'reported' ? reportedSums(db, indicator, s) : computedSums(db, indicator, s));
  if (!s.stamp) return read();
  // Only its own sources' changes make an indicator's kept sums stale.
  const sources: readonly Source[] = indicator.source === 'reported' ? ['reported_values'] : (CALCULATORS[indicator.calculator ?? '']?.sources ?? SOURCES);
  const key = JSON.stringify([indicator.id, indicator.version, s.year, s.planStart, s.regionCode ?? '', s.industryCode ?? '', asOfYear(s.year), sources.map((t) => s.stamp![t])]);
  const hit = kept.get(key);
  if (hit) return hit;
  const sums = await read();
  kept.set(key, sums);
  if (kept.size > KEEP) kept.delete(kept.keys().next().value!);
  return sums;
}

/** All regions' sums added: the city's (or the scope's) figure. */
export const total = (by: Map<string, Sums>): Sums => [...by.values()].reduce((a, b) => ({ num: a.num + b.num, den: a.den + b.den, rows: a.rows + b.rows }), { num: 0, den: 0, rows: 0 });

export interface Reading {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  compareValue: number | null;
  /** How many records (products, batches, entries) the sums are over: the sample size. */
  records: number;
}

/** The value of a comparison indicator (the provincial average) for a year, or null. */
async function compareValue(db: Kysely<Database>, plan: IndicatorRow[], code: string, s: Scope): Promise<number | null> {
  const other = plan.find((i) => i.code === code);
  if (!other) return null;
  const sums = total(await sumsOf(db, other, { year: s.year, planStart: s.planStart, stamp: s.stamp }));
  return sums.rows === 0 ? null : indicatorValue(other.kind as IndicatorKind, sums);
}

export function readingFrom(indicator: IndicatorRow, sums: Sums, compare?: number | null): Reading {
  const kind = indicator.kind as IndicatorKind;
  // A reported indicator nobody has entered has no value, even a count.
  const empty = indicator.source === 'reported' && sums.rows === 0;
  return {
    value: empty ? null : indicatorValue(kind, sums, compare),
    numerator: empty ? null : sums.num,
    denominator: empty || (kind !== 'rate' && compare === undefined) ? null : sums.den,
    compareValue: compare ?? null,
    records: sums.rows,
  };
}

/**
 * An indicator's reading for a year and scope — from the sums over every region in it — and each
 * county's, from the same grouped query.
 */
export async function readIndicator(db: Kysely<Database>, plan: IndicatorRow[], indicator: IndicatorRow, s: Scope): Promise<{ reading: Reading; byRegion: Map<string, Reading> }> {
  const by = await sumsOf(db, indicator, s);
  const compare = indicator.compare_code ? await compareValue(db, plan, indicator.compare_code, s) : undefined;
  return { reading: readingFrom(indicator, total(by), compare), byRegion: new Map([...by].map(([region, sums]) => [region, readingFrom(indicator, sums, compare)])) };
}
