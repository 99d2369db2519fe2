import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database';
import { today } from '../../lib/dates';
import { insertChunked } from '../../db/bulk';
import { lockWrites, plannedApart, readingSlice } from '../../db/portable';
import { CALCULATORS, IDS_OF, SOURCES, type CalcRow, type Calculator, type CalcScope, type Source } from './calculators';
import { changedParts, type Part } from './cells';
import { indicatorValue, type IndicatorKind } from './measure';
import type { PlanIndicatorTable } from './targets.table';

export type IndicatorRow = Selectable<PlanIndicatorTable>;
export type Sums = { num: number; den: number; rows: number };
export type By = 'region' | 'industry';
/** The province's own code: where provincial averages are entered. */

export interface Scope {
  year: number;
  planStart: number;
  regionCode?: string;
  industryCode?: string;
  /** Parts of the answer: counties (default) or industries. */
  by?: By;
  /** The sources' stamp (sourceStamp): sums computed under it are kept and reused. */
  stamp?: Stamp;
  /** The units reported for (the counties of the home region), for the "reported by n of N" line. */
  units: readonly string[];
}

/** Records are read as of the year's last day, or today while the year runs. */
export const asOfYear = (year: number) => {
  const end = `${year}-12-31`;
  const now = today();
  return end < now ? end : now;
};

export const calcScope = (indicator: IndicatorRow, s: Scope): CalcScope => ({
  year: s.year,
  asOf: asOfYear(s.year),
  planStart: s.planStart,
  regionCode: s.regionCode,
  industryCode: s.industryCode,
  reading: JSON.parse(indicator.reading) as Record<string, unknown>,
});

/** The counts kept with each sum: records, those with a numerator share, those with either. */
const COUNTS = ['num', 'den', 'records', 'num_records', 'den_records'] as const;

/** The calculator's rows with ids after `lo` and up to `hi` (either open): a window of the ids its kind's rows carry (IDS_OF). */
function rowsBetween(db: Kysely<Database>, calc: Calculator, s: CalcScope, lo?: string, hi?: string) {
  let q = db.selectFrom(calc.rows(db, s).as('r'));
  if (lo !== undefined) q = q.where(sql<boolean>`r.id > ${lo}`);
  if (hi !== undefined) q = q.where(sql<boolean>`r.id <= ${hi}`);
  return q;
}
/**
 * Consecutive windows [lo, hi] of the ids a kind's rows carry (IDS_OF) after `after`: the n-th
 * holds size(n) ids, the last (hi undefined) runs to the end. Each edge is read when asked for.
 */
async function* windows(db: Kysely<Database>, calc: Calculator, s: CalcScope, after: string | undefined, size: (n: number) => number) {
  for (let lo = after, n = 0; ; n++) {
    const edge = await IDS_OF[calc.kind](db, s)
      .$if(lo !== undefined, (q) => q.where('id', '>', lo!))
      .orderBy('id')
      .limit(1)
      .offset(size(n) - 1)
      .executeTakeFirst();
    yield [lo, edge?.id] as const;
    if (!edge) return;
    lo = edge.id;
  }
}
/** A row is listed on a side: the numerator's (a share of it), or the denominator's (a share of either). Counts and pages both ask this. */
const onSide = (side: 'numerator' | 'denominator') =>
  side === 'numerator' ? sql<boolean>`r.num <> 0` : sql<boolean>`(r.den <> 0 or r.num <> 0)`;

/** A scope's rows (between two ids) summed per part of a cell: one grouped query of the calculator's records. */
async function groupedParts(db: Kysely<Database>, calc: Calculator, s: CalcScope, lo?: string, hi?: string) {
  return db
    .selectFrom(plannedApart(db, rowsBetween(db, calc, s, lo, hi).selectAll()).as('r'))
    .select([
      sql<string>`r.region_code`.as('region_code'),
      sql<string>`r.industry_code`.as('industry_code'),
      sql<string>`r.part`.as('part'),
      sql<number>`coalesce(sum(r.num), 0)`.as('num'),
      sql<number>`coalesce(sum(r.den), 0)`.as('den'),
      sql<number>`count(*)`.as('records'),
      sql<number>`sum(case when ${onSide('numerator')} then 1 else 0 end)`.as('num_records'),
      sql<number>`sum(case when ${onSide('denominator')} then 1 else 0 end)`.as('den_records'),
    ])
    .groupBy([sql`r.region_code`, sql`r.industry_code`, sql`r.part`])
    .execute();
}

type PartSums = Awaited<ReturnType<typeof groupedParts>>[number];

/**
 * A scope's rows summed per part of a cell, read a slice of ids at a time where the database asks
 * it (readingSlice), requests served between slices. A write between slices dates its rows after
 * the stamp the sums are kept under, so the next read reads their parts again.
 */
async function groupedInSlices(db: Kysely<Database>, calc: Calculator, s: CalcScope): Promise<PartSums[]> {
  const slice = readingSlice(db);
  if (!slice) return groupedParts(db, calc, s);
  const sums = new Map<string, PartSums>();
  for await (const [lo, hi] of windows(db, calc, s, undefined, () => slice)) {
    for (const r of await groupedParts(db, calc, s, lo, hi)) {
      const key = `${r.region_code}|${r.industry_code}|${r.part}`;
      const had = sums.get(key);
      sums.set(key, had ? { ...had, ...Object.fromEntries(COUNTS.map((c) => [c, Number(had[c]) + Number(r[c])])) } : r);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return [...sums.values()];
}

/** More changed parts than this and the whole indicator is read again: one pass is then quicker. */
const MOST_PARTS = 256;
const KEPT_SUMS_LOCK = 4_310_002;

/**
 * Brings an indicator's kept sums for a year up to the sources' stamp: nothing to do when it is
 * the stamp they were computed under; otherwise only the parts of cells the writes since then
 * touched are read again (changedParts) and their cells added up from their parts, or everything
 * when the indicator, the plan's start or the as-of day changed, or the changes are too wide.
 */
async function updateKeptSums(db: Kysely<Database>, indicator: IndicatorRow, calc: Calculator, s: Scope, stamp: Stamp): Promise<void> {
  const basis = JSON.stringify([indicator.version, s.planStart, asOfYear(s.year)]);
  const now = Object.fromEntries([...calc.sources, MOVES].map((t) => [t, stamp[t as keyof Stamp]]));
  const run = await db
    .selectFrom('indicator_sum_runs')
    .select(['basis', 'stamp'])
    .where('indicator_id', '=', indicator.id)
    .where('year', '=', s.year)
    .executeTakeFirst();
  if (run?.basis === basis && run.stamp === JSON.stringify(now)) return;
  const among = { cases: calc.kind === 'inspection', year: s.year };
  const parts =
    run?.basis === basis ? await changedParts(db, JSON.parse(run.stamp) as Record<string, string>, now, among, MOST_PARTS) : null;
  const scope = calcScope(indicator, { year: s.year, planStart: s.planStart, units: s.units });
  const sums = parts
    ? (
        await Promise.all(
          parts.map((c) => groupedParts(db, calc, { ...scope, regionCode: c.region, industryCode: c.industry, part: c.part })),
        )
      ).flat()
    : await groupedInSlices(db, calc, scope);
  // The parts read again, and their cells (when only some were read).
  const inParts = (read: Part[]) => (eb: ExpressionBuilder<Database, 'indicator_part_sums'>) =>
    eb.or(read.map((c) => eb.and([eb('region_code', '=', c.region), eb('industry_code', '=', c.industry), eb('part', '=', c.part)])));
  const inCells = (read: Part[]) => (eb: ExpressionBuilder<Database, 'indicator_sums' | 'indicator_part_sums'>) =>
    eb.or(read.map((c) => eb.and([eb('region_code', '=', c.region), eb('industry_code', '=', c.industry)])));
  const saveRun = async (trx: Kysely<Database>) => {
    const at = { basis, stamp: JSON.stringify(now), computed_at: new Date().toISOString() };
    await trx
      .insertInto('indicator_sum_runs')
      .values({ indicator_id: indicator.id, year: s.year, ...at })
      .onConflict((oc) => oc.columns(['indicator_id', 'year']).doUpdateSet(at))
      .execute();
  };
  const write = async (trx: Kysely<Database>) => {
    if (parts?.length === 0) return saveRun(trx);
    await lockWrites(trx, KEPT_SUMS_LOCK);
    await trx
      .deleteFrom('indicator_part_sums')
      .where('indicator_id', '=', indicator.id)
      .where('year', '=', s.year)
      .$if(!!parts, (q) => q.where(inParts(parts!)))
      .execute();
    await trx
      .deleteFrom('indicator_sums')
      .where('indicator_id', '=', indicator.id)
      .where('year', '=', s.year)
      .$if(!!parts, (q) => q.where(inCells(parts!)))
      .execute();
    await insertChunked(
      trx,
      'indicator_part_sums',
      sums.map(
        (r) =>
          ({
            indicator_id: indicator.id,
            year: s.year,
            region_code: r.region_code,
            industry_code: r.industry_code,
            part: r.part,
            ...Object.fromEntries(COUNTS.map((k) => [k, Number(r[k])])),
          }) as never,
      ),
    );
    // Each cell touched (or every cell) is the sum of its parts.
    const add = trx
      .selectFrom('indicator_part_sums')
      .select(['indicator_id', 'year', 'region_code', 'industry_code', ...COUNTS.map((k) => sql<number>`sum(${sql.ref(k)})`.as(k))])
      .where('indicator_id', '=', indicator.id)
      .where('year', '=', s.year)
      .$if(!!parts, (q) => q.where(inCells(parts!)))
      .groupBy(['indicator_id', 'year', 'region_code', 'industry_code']);
    await trx
      .insertInto('indicator_sums')
      .columns(['indicator_id', 'year', 'region_code', 'industry_code', ...COUNTS])
      .expression(add)
      .execute();
    await saveRun(trx);
  };
  await (db.isTransaction ? write(db) : db.transaction().execute(write));
}

/** A computed indicator's kept cells for a year within the scope, brought up to the sources' stamp first. */
async function keptSums(db: Kysely<Database>, indicator: IndicatorRow, calc: Calculator, s: Scope) {
  await updateKeptSums(db, indicator, calc, s, s.stamp ?? (await sourceStamp(db)));
  let q = db.selectFrom('indicator_sums').where('indicator_id', '=', indicator.id).where('year', '=', s.year);
  if (s.regionCode) q = q.where('region_code', '=', s.regionCode);
  if (s.industryCode) q = q.where('industry_code', '=', s.industryCode);
  return q;
}

/** A computed indicator's sums per county (or per industry) for a year and scope, from its kept cells. */
async function computedSums(db: Kysely<Database>, indicator: IndicatorRow, s: Scope, by: By): Promise<Map<string, Sums>> {
  const calc = indicator.calculator ? CALCULATORS[indicator.calculator] : undefined;
  if (!calc) return new Map();
  const column = by === 'industry' ? 'industry_code' : 'region_code';
  const rows = await (
    await keptSums(db, indicator, calc, s)
  )
    .select([
      sql<string>`${sql.ref(column)}`.as('key'),
      sql<number>`sum(num)`.as('num'),
      sql<number>`sum(den)`.as('den'),
      sql<number>`sum(records)`.as('n'),
    ])
    .groupBy(column)
    .execute();
  return new Map(rows.map((r) => [r.key, { num: Number(r.num), den: Number(r.den), rows: Number(r.n) }]));
}

/** How many records the drill-down lists on a side (with a numerator share, or with either), from the kept cells. */
export async function listedCount(
  db: Kysely<Database>,
  indicator: IndicatorRow,
  calc: Calculator,
  s: Scope,
  side: 'numerator' | 'denominator',
): Promise<number> {
  const column = side === 'numerator' ? 'num_records' : 'den_records';
  const row = await (
    await keptSums(db, indicator, calc, s)
  )
    .select(sql<number>`coalesce(sum(${sql.ref(column)}), 0)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first window of ids a drill-down page reads; it grows fourfold while the rows found fall short, so a sparse side costs about one pass. */
const FIRST_WINDOW = 1000;

/** A drill-down page: up to `take` of the rows on a side (with a numerator share, or with either) after the cursor, in id order. */
export async function pageOfRows(
  db: Kysely<Database>,
  calc: Calculator,
  s: CalcScope,
  side: 'numerator' | 'denominator',
  after: string | undefined,
  take: number,
): Promise<CalcRow[]> {
  const found: CalcRow[] = [];
  if (take === 0) return found;
  for await (const [lo, hi] of windows(db, calc, s, after, (n) => FIRST_WINDOW * 4 ** n)) {
    const rows = rowsBetween(db, calc, s, lo, hi).where(onSide(side)).selectAll();
    found.push(
      ...((await rows
        .orderBy(sql`r.id`)
        .limit(take - found.length)
        .execute()) as CalcRow[]),
    );
    if (found.length === take) break;
  }
  return found;
}

/**
 * A reported indicator's approved sums per region for a year (its own period, or its quarters):
 * a rate sums numerators and denominators, a count or value sums the values.
 */
async function reportedSums(db: Kysely<Database>, indicator: IndicatorRow, s: Scope): Promise<Map<string, Sums>> {
  // Reported figures have no industry breakdown.
  if (s.industryCode || s.by === 'industry') return new Map();
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
    .selectNoFrom([
      ...SOURCES.map((t) => sql<string | null>`(select max(updated_at) from ${sql.table(t)})`.as(t)),
      // Moves are counted, not dated: the rows are never deleted.
      sql<number>`(select count(*) from enterprise_moves)`.as(MOVES),
      sql<string | null>`(select max(computed_at) from indicator_sum_runs)`.as(KEPT),
    ])
    .executeTakeFirstOrThrow();
  return Object.fromEntries([...SOURCES, MOVES, KEPT].map((t) => [t, String((row as Record<string, unknown>)[t] ?? '')])) as Stamp;
}
/** Enterprises moved to another county or industry (counted): their old cells are unknown, so every cell is read again. */
const MOVES = 'enterprise_moves';
/** When sums were last kept: sums in memory give way when those in the database were computed again (or recounted). */
const KEPT = 'indicator_sum_runs';
export type Stamp = Record<Source | typeof MOVES | typeof KEPT, string>;

/** Every kept sum forgotten (`npm run cli -- targets recount`): the next reads compute them from the records. */
export async function recountKeptSums(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const runs = await trx.deleteFrom('indicator_sum_runs').executeTakeFirst();
    await trx.deleteFrom('indicator_sums').execute();
    await trx.deleteFrom('indicator_part_sums').execute();
    return Number(runs.numDeletedRows);
  });
}

/** Sums by county (or industry), kept in memory per indicator version, year, scope, reading day and source stamp (the 2,000 most recent). */
const kept = new Map<string, Map<string, Sums>>();
const KEEP = 2000;
/** Forgets the sums kept in memory, as a restart does; those kept in the database stay. */
export const forgetKeptInMemory = () => kept.clear();

export async function sumsOf(db: Kysely<Database>, indicator: IndicatorRow, s: Scope): Promise<Map<string, Sums>> {
  const by = s.by ?? 'region';
  const read = () => (indicator.source === 'reported' ? reportedSums(db, indicator, s) : computedSums(db, indicator, s, by));
  // Nothing kept in the database yet (a new database, or just recounted): nothing to key memory on.
  if (!s.stamp || !s.stamp[KEPT]) return read();
  // Only its own sources' changes make an indicator's kept sums stale.
  const sources: readonly (keyof Stamp)[] =
    indicator.source === 'reported' ? ['reported_values'] : [...(CALCULATORS[indicator.calculator ?? '']?.sources ?? SOURCES), MOVES, KEPT];
  const key = JSON.stringify([
    indicator.id,
    indicator.version,
    s.year,
    s.planStart,
    s.regionCode ?? '',
    s.industryCode ?? '',
    by,
    asOfYear(s.year),
    sources.map((t) => s.stamp![t]),
  ]);
  const hit = kept.get(key);
  if (hit) return hit;
  const sums = await read();
  kept.set(key, sums);
  if (kept.size > KEEP) kept.delete(kept.keys().next().value!);
  return sums;
}

/** All parts' sums added: the city's (or the scope's) figure. */
export const total = (by: Map<string, Sums>): Sums =>
  [...by.values()].reduce((a, b) => ({ num: a.num + b.num, den: a.den + b.den, rows: a.rows + b.rows }), { num: 0, den: 0, rows: 0 });

export interface Reading {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  compareValue: number | null;
  /** How many records (products, batches, entries) the sums are over: the sample size. */
  records: number;
  /** A figure the counties report, read for the whole city: how many counties' approved figures it adds up, of how many. */
  reported?: { regions: number; of: number };
  /** An indicator of several measures (PQ-BRANDGROWTH): each measure's reading; the value is the least of theirs. */
  measures?: (Reading & { code: string })[];
}

/** The codes of the measures an indicator is made of (its reading's `measures`), or null. */
export const measureCodes = (indicator: IndicatorRow): string[] | null => {
  const m = (JSON.parse(indicator.reading) as { measures?: unknown }).measures;
  return Array.isArray(m) && m.length && m.every((c) => typeof c === 'string') ? (m as string[]) : null;
};
/** The least of the values, or null when any is missing: every measure must be above for the whole to be. */
const least = (values: (number | null | undefined)[]) =>
  values.length && values.every((v) => typeof v === 'number') ? Math.min(...(values as number[])) : null;

/** The value of a comparison indicator (the provincial average) for a year, or null. */
async function compareValue(db: Kysely<Database>, plan: IndicatorRow[], code: string, s: Scope): Promise<number | null> {
  const other = plan.find((i) => i.code === code);
  if (!other) return null;
  const sums = total(await sumsOf(db, other, { year: s.year, planStart: s.planStart, stamp: s.stamp, units: s.units }));
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
 * An indicator's reading for a year and scope — from the sums over every part of it — and each
 * part's (county's, or industry's when `by` says so), from the same sums.
 */
export async function readIndicator(
  db: Kysely<Database>,
  plan: IndicatorRow[],
  indicator: IndicatorRow,
  s: Scope,
): Promise<{ reading: Reading; parts: Map<string, Reading> }> {
  const codes = measureCodes(indicator);
  if (codes) return readMeasures(db, plan, codes, s);
  const sums = await sumsOf(db, indicator, s);
  const compare = indicator.compare_code ? await compareValue(db, plan, indicator.compare_code, s) : undefined;
  const reading = readingFrom(indicator, total(sums), compare);
  // The city's figure of a county-reported indicator adds up only the counties that reported: say how many.
  if (indicator.source === 'reported' && indicator.report_regions === 'counties' && !s.regionCode && s.by !== 'industry') {
    reading.reported = { regions: [...sums.values()].filter((x) => x.rows > 0).length, of: s.units.length };
  }
  return { reading, parts: new Map([...sums].map(([part, x]) => [part, readingFrom(indicator, x, compare)])) };
}

/**
 * An indicator made of measures (each an indicator of the plan): every measure read for the
 * scope, and the whole's value the least of theirs — in each part too — so that it is met only
 * when every measure is. A measure missing from the plan is no data.
 */
async function readMeasures(
  db: Kysely<Database>,
  plan: IndicatorRow[],
  codes: string[],
  s: Scope,
): Promise<{ reading: Reading; parts: Map<string, Reading> }> {
  const whole = (value: number | null, records: number, measures?: Reading['measures']): Reading => ({
    value,
    numerator: null,
    denominator: null,
    compareValue: null,
    records,
    ...(measures ? { measures } : {}),
  });
  const read: { code: string; reading: Reading; parts: Map<string, Reading> }[] = [];
  for (const code of codes) {
    const m = plan.find((i) => i.code === code);
    read.push({ code, ...(m ? await readIndicator(db, plan, m, s) : { reading: whole(null, 0), parts: new Map() }) });
  }
  const keys = new Set(read.flatMap((r) => [...r.parts.keys()]));
  return {
    reading: whole(
      least(read.map((r) => r.reading.value)),
      read.reduce((n, r) => n + r.reading.records, 0),
      read.map((r) => ({ code: r.code, ...r.reading })),
    ),
    parts: new Map(
      [...keys].map((k) => [
        k,
        whole(
          least(read.map((r) => r.parts.get(k)?.value)),
          read.reduce((n, r) => n + (r.parts.get(k)?.records ?? 0), 0),
        ),
      ]),
    ),
  };
}
