import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/database';
import type { CALCULATOR_NAMES } from '../../../contract/schemas/targets';
import { bool } from '../../db/portable';
import { inForce } from '../brands/honours.repository';

/** What a computed indicator is asked: a year, the day its records are read as of, and a scope. */
export interface CalcScope {
  year: number;
  /** The last day of the year, or today while the year runs. */
  asOf: string;
  /** The plan's first year: "created in the plan" counts from its 1 January. */
  planStart: number;
  regionCode?: string;
  industryCode?: string;
  /** One of a cell's 16 parts (partOf): how little a write makes the sums read again. */
  part?: string;
  reading: Record<string, unknown>;
}

/** One record behind an indicator: its share of the numerator and of the denominator. */
export interface CalcRow {
  id: string;
  label: string;
  enterprise_id: string | null;
  enterprise_name: string;
  region_code: string;
  /** The row's county and industry: the cell its sums are kept in; and the part of the cell. */
  industry_code: string;
  part: string;
  num: number;
  den: number;
}

export const RECORD_KINDS = ['product', 'inspection', 'honour', 'enterprise'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
/**
 * The ids a kind's rows may carry, in id order through an index: a drill-down page is read a
 * window of them at a time (pageOfRows). Over the whole table, even when it stops at a page,
 * SQLite first builds a Bloom filter of every enterprise a product joins, and PostgreSQL walks
 * every case of every year for a year's few key-product batches.
 */
export const IDS_OF: Record<RecordKind, (db: Kysely<Database>, s: CalcScope) => SelectQueryBuilder<Database, any, { id: string }>> = {
  product: (db) => db.selectFrom('products').select('id'),
  enterprise: (db) => db.selectFrom('enterprises').select('id'),
  honour: (db) => db.selectFrom('honours').select('id'),
  inspection: (db, s) => db.selectFrom('inspections').select('id').where('year', '=', s.year),
};

type Rows = SelectQueryBuilder<Database, any, CalcRow>;
// The large tables are indexed on updated_at (migration 2026112520); the two reference tables are small.
export const SOURCES = [
  'enterprises',
  'products',
  'product_standards',
  'certifications',
  'enterprise_yearly_figures',
  'honours',
  'flagship_designations',
  'inspections',
  'reported_values',
  'product_categories',
  'brand_programmes',
] as const;
export type Source = (typeof SOURCES)[number];
const ARCHIVE: readonly Source[] = ['enterprises', 'products', 'product_standards'];

/**
 * A computed indicator: the query of the records behind it, one row each with `num` and `den`.
 * The value is sum(num) ÷ sum(den) for a rate, sum(num) for a count — from sums, grouped by county;
 * the drill-down lists the same rows. One query serves the number and the records behind it.
 */
export interface Calculator {
  kind: RecordKind;
  /** The tables its rows read: a change elsewhere leaves its kept sums valid. */
  sources: readonly Source[];
  rows(db: Kysely<Database>, s: CalcScope): Rows;
}

const endOf = (day: string) => `${day}T23:59:59.999Z`;
/** On record on `asOf`: created by then and not deleted by then (the archive keeps no other history). */
const onRecord = (alias: string, asOf: string) => {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<SqlBool>`(${col('created_at')} <= ${endOf(asOf)} and (${col('deleted_at')} is null or ${col('deleted_at')} > ${endOf(asOf)}))`;
};
/**
 * A row of `from … where …` exists. A scalar subquery, not EXISTS: PostgreSQL may run an EXISTS
 * inside an expression as a hashed subplan, reading the whole table before the first row, which a
 * drill-down window or a changed part of a cell then pays in full; this stays an index probe per row.
 */
const anyRow = (fromWhere: RawBuilder<unknown>) => sql<SqlBool>`((select 1 from ${fromWhere} limit 1) is not null)`;
/** The product `p` has a standard on record on `asOf` (meeting `also` when given). */
const hasStandard = (asOf: string, also?: ReturnType<typeof sql<SqlBool>>) =>
  anyRow(sql`product_standards ps where ps.product_id = p.id and ${onRecord('ps', asOf)}${also ? sql` and ${also}` : sql``}`);
/** The enterprise `e` holds a valid certificate of this kind on `asOf` (meeting `also` when given). */
const certified = (kind: string, asOf: string, also?: RawBuilder<SqlBool>) =>
  anyRow(sql`certifications c where c.enterprise_id = e.id and c.kind = ${kind} and c.status = 'valid' and ${onRecord('c', asOf)}
    and (c.issued_on is null or c.issued_on <= ${asOf}) and (c.expires_on is null or c.expires_on >= ${asOf})${also ? sql` and ${also}` : sql``}`);
/**
 * A cell's part of a row: the last character of its enterprise's id (or its case's), one of 16
 * for the platform's UUIDs. Spread evenly, so a write reads again a sixteenth of its cell.
 */
export const partOf = (key: string) => sql<string>`substr(${sql.ref(key)}, length(${sql.ref(key)}), 1)`;
/** The enterprise scope: county, industry and part. */
function scoped<Q extends SelectQueryBuilder<any, any, any>>(
  q: Q,
  s: CalcScope,
  region = 'e.region_code',
  industry = 'e.industry_code',
  key = 'e.id',
): Q {
  let out = q;
  if (s.regionCode) out = out.where(region, '=', s.regionCode) as Q;
  if (s.industryCode) out = out.where(industry, '=', s.industryCode) as Q;
  if (s.part) out = out.where(partOf(key), '=', s.part) as Q;
  return out;
}
const strings = (v: unknown, fallback: string[]): string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : fallback;
const flag = (expr: ReturnType<typeof sql<SqlBool>>) => sql<number>`case when ${expr} then 1 else 0 end`;

/**
 * The enterprise `e` is an industrial producer that operated in the year (工业生产企业): not a
 * service enterprise, founded by the year's end (or no date), and not deregistered before the
 * year began — a deregistered enterprise with no date of deregistration is taken as gone before.
 * Read from the enterprise row itself: no subquery.
 */
const industrialInYear = (s: CalcScope) =>
  sql<SqlBool>`(e.service_enterprise = ${bool(false)} and (e.founded_on is null or e.founded_on <= ${s.asOf})
    and ((e.deregistered_on is null and e.status <> 'deregistered') or e.deregistered_on >= ${`${s.year}-01-01`}))`;

/** The enterprise holds a product-brand honour in force on `asOf`. */
const holdsProductBrand = (asOf: string) =>
  anyRow(
    sql`honours h inner join brand_programmes bp on bp.code = h.programme_code where h.enterprise_id = e.id and bp.kind = 'product_brand' and ${inForce(asOf)}`,
  );

function products(db: Kysely<Database>, s: CalcScope) {
  return scoped(
    db
      .selectFrom('products as p')
      .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
      .where(onRecord('p', s.asOf))
      .where(onRecord('e', s.asOf)),
    s,
  );
}
/** A row's enterprise `e` and the cell it is kept in: the county (its own, or the one an honour or designation was made in), its industry and part. */
const ownedBy = (region = 'e.region_code') =>
  [
    sql<string>`e.id`.as('enterprise_id'),
    sql<string>`e.name`.as('enterprise_name'),
    sql<string>`${sql.ref(region)}`.as('region_code'),
    sql<string>`e.industry_code`.as('industry_code'),
    partOf('e.id').as('part'),
  ] as const;
const productColumns = [sql<string>`p.id`.as('id'), sql<string>`p.name`.as('label'), ...ownedBy()] as const;
const enterpriseColumns = (region?: string) => [sql<string>`e.id`.as('id'), sql<string>`e.name`.as('label'), ...ownedBy(region)] as const;

/** Figures of a year that may be summed: the yearly-figure columns a reading may name. */
const FIGURES = ['output_value', 'new_product_output_value', 'sales_revenue', 'export_value', 'profit_and_tax'] as const;
const figure = (v: unknown, fallback: (typeof FIGURES)[number]) =>
  (FIGURES as readonly unknown[]).includes(v) ? (v as (typeof FIGURES)[number]) : fallback;

export const CALCULATORS: Record<(typeof CALCULATOR_NAMES)[number], Calculator> & Record<string, Calculator | undefined> = {
  /** Products of industrial producers (industrialInYear) made to standard with at least one standard on record, of all their products on record. */
  standard_coverage: {
    kind: 'product',
    sources: ARCHIVE,
    rows: (db, s) =>
      products(db, s)
        .where(industrialInYear(s))
        .select([
          ...productColumns,
          flag(sql<SqlBool>`p.made_to_standard = ${bool(true)} and ${hasStandard(s.asOf)}`).as('num'),
          sql<number>`1`.as('den'),
        ]) as Rows,
  },

  /**
   * Of the products of key and foreign-invested enterprises and of key and brand products (of
   * industrial producers, industrialInYear), those made to an international or advanced foreign
   * standard, or adopting one (IDT, MOD by default).
   */
  standard_adoption: {
    kind: 'product',
    sources: ARCHIVE,
    rows: (db, s) => {
      const kinds = strings(s.reading.kinds, ['international', 'foreign_advanced']);
      const adoption = strings(s.reading.adoption, ['IDT', 'MOD']);
      return products(db, s)
        .where(industrialInYear(s))
        .where((eb) =>
          eb.or([
            eb('e.key_enterprise', '=', bool(true)),
            eb('e.foreign_invested', '=', bool(true)),
            eb('p.key_product', '=', bool(true)),
            eb('p.brand_product', '=', bool(true)),
          ]),
        )
        .select([
          ...productColumns,
          flag(hasStandard(s.asOf, sql<SqlBool>`(ps.kind in (${sql.join(kinds)}) or ps.adoption in (${sql.join(adoption)}))`)).as('num'),
          sql<number>`1`.as('den'),
        ]) as Rows;
    },
  },

  /**
   * Food products of agricultural leading enterprises at the levels read, and those holding a
   * green-food certificate in force: a green-food honour naming the product, or its enterprise's
   * green-food certificate naming it (a certificate names only its own enterprise's products, so
   * only that enterprise's honours and certificates are searched, through their enterprise index).
   */
  green_food: {
    kind: 'product',
    sources: [...ARCHIVE, 'certifications', 'honours'],
    rows: (db, s) => {
      const names = (alias: string) => sql<SqlBool>`${sql.ref(`${alias}.product_ids`)} like '%"' || p.id || '"%'`;
      return products(db, s)
        .where('p.food_product', '=', bool(true))
        .where('e.agri_leader_level', 'in', strings(s.reading.levels, ['city', 'province', 'national']))
        .select([
          ...productColumns,
          flag(
            sql<SqlBool>`${certified('GREEN_FOOD', s.asOf, names('c'))}
              or ${anyRow(sql`honours h where h.enterprise_id = p.enterprise_id and h.programme_code = 'green_food' and ${names('h')} and ${inForce(s.asOf)}`)}`,
          ).as('num'),
          sql<number>`1`.as('den'),
        ]) as Rows;
    },
  },

  /**
   * Spot-check batches of the year at the levels read (and of key or brand archive products when
   * read so) whose verdict is final: qualified of decided. The product flags are today's.
   */
  inspection_pass_rate: {
    kind: 'inspection',
    sources: ['inspections', 'products', 'product_categories'],
    rows: (db, s) => {
      let q = db
        .selectFrom('inspections as i')
        .innerJoin('product_categories as c', 'c.code', 'i.category_code')
        .leftJoin('products as pr', 'pr.id', 'i.product_id')
        .where('i.year', '=', s.year)
        .where('i.level', 'in', strings(s.reading.levels, ['national', 'provincial']))
        .where('i.final_verdict', 'in', ['qualified', 'unqualified']);
      const products = strings(s.reading.products, []);
      if (products.length) {
        q = q.where((eb) =>
          eb.or([
            ...(products.includes('key') ? [eb('pr.key_product', '=', bool(true))] : []),
            ...(products.includes('brand') ? [eb('pr.brand_product', '=', bool(true))] : []),
          ]),
        );
      }
      if (s.regionCode) q = q.where('i.region_code', '=', s.regionCode);
      // An industry as its categories' codes: the cases' (year, verdict, county, category) index then reads only the cell.
      if (s.industryCode)
        q = q.where(
          'i.category_code',
          'in',
          db.selectFrom('product_categories').select('code').where('industry_code', '=', s.industryCode),
        );
      if (s.part) q = q.where(partOf('i.id'), '=', s.part);
      return q.select([
        sql<string>`i.id`.as('id'),
        sql<string>`case when i.model = '' then i.product_name else i.product_name || ' ' || i.model end`.as('label'),
        sql<string>`i.producer_enterprise_id`.as('enterprise_id'),
        sql<string>`i.producer_name`.as('enterprise_name'),
        sql<string>`i.region_code`.as('region_code'),
        sql<string>`c.industry_code`.as('industry_code'),
        partOf('i.id').as('part'),
        flag(sql<SqlBool>`i.final_verdict = 'qualified'`).as('num'),
        sql<number>`1`.as('den'),
      ]) as Rows;
    },
  },

  /**
   * One yearly figure over another, summed over the industrial producers of the year
   * (industrialInYear) that report the denominator's figure; a numerator not reported counts 0
   * (新产品产值率: new-product output over industrial output, the same denominator as brand_output_share).
   */
  figure_ratio: {
    kind: 'enterprise',
    sources: ['enterprises', 'enterprise_yearly_figures'],
    rows: (db, s) => {
      const num = figure(s.reading.numerator, 'new_product_output_value');
      const den = figure(s.reading.denominator, 'output_value');
      return industrialOutput(db, s, den).select([
        ...enterpriseColumns(),
        sql<number>`coalesce(${sql.ref(`y.${num}`)}, 0)`.as('num'),
        sql<number>`${sql.ref(`y.${den}`)}`.as('den'),
      ]) as Rows;
    },
  },

  /** The figure of the industrial producers holding a product-brand honour in force, of all industrial producers' figure (figure_ratio's denominator). */
  brand_output_share: {
    kind: 'enterprise',
    sources: ['enterprises', 'enterprise_yearly_figures', 'honours', 'brand_programmes'],
    rows: (db, s) => {
      const fig = figure(s.reading.figure, 'output_value');
      return industrialOutput(db, s, fig).select([
        ...enterpriseColumns(),
        sql<number>`case when ${holdsProductBrand(s.asOf)} then ${sql.ref(`y.${fig}`)} else 0 end`.as('num'),
        sql<number>`${sql.ref(`y.${fig}`)}`.as('den'),
      ]) as Rows;
    },
  },

  /** Growth of the figure over last year for enterprises holding a product-brand honour in force, reporting both years. */
  brand_growth: {
    kind: 'enterprise',
    sources: ['enterprises', 'enterprise_yearly_figures', 'honours', 'brand_programmes'],
    rows: (db, s) => {
      const fig = figure(s.reading.figure, 'output_value');
      return scoped(yearFigures(db, s, s.year), s)
        .innerJoin('enterprise_yearly_figures as y0', (j) =>
          j
            .onRef('y0.enterprise_id', '=', 'e.id')
            .on('y0.year', '=', s.year - 1)
            .on('y0.deleted_at', 'is', null),
        )
        .where(`y.${fig}`, 'is not', null)
        .where(`y0.${fig}`, 'is not', null)
        .where(holdsProductBrand(s.asOf))
        .select([
          ...enterpriseColumns(),
          sql<number>`${sql.ref(`y.${fig}`)} - ${sql.ref(`y0.${fig}`)}`.as('num'),
          sql<number>`${sql.ref(`y0.${fig}`)}`.as('den'),
        ]) as Rows;
    },
  },

  /** Service enterprises holding a certificate of the kind read (ISO 9001) valid on `asOf`. */
  service_certified: {
    kind: 'enterprise',
    sources: ['enterprises', 'certifications'],
    rows: (db, s) => {
      const kind = typeof s.reading.kind === 'string' ? s.reading.kind : 'ISO9001';
      return scoped(db.selectFrom('enterprises as e').where(onRecord('e', s.asOf)).where('e.service_enterprise', '=', bool(true)), s)
        .where(certified(kind, s.asOf))
        .select([...enterpriseColumns(), sql<number>`1`.as('num'), sql<number>`0`.as('den')]) as Rows;
    },
  },

  /**
   * Honours of a programme: in force on `asOf`, or granted since the plan began (not revoked);
   * `distinctEnterprises` counts an enterprise's first such honour only.
   */
  honour_count: {
    kind: 'honour',
    sources: ['enterprises', 'honours'],
    rows: (db, s) => {
      const programme = typeof s.reading.programme === 'string' ? s.reading.programme : '';
      const start = `${s.planStart}-01-01`;
      let q = db
        .selectFrom('honours as h')
        .innerJoin('enterprises as e', 'e.id', 'h.enterprise_id')
        .where('h.programme_code', '=', programme);
      q =
        s.reading.count === 'granted_in_plan'
          ? q
              .where('h.granted_on', '>=', start)
              .where('h.granted_on', '<=', s.asOf)
              .where((eb) => eb.or([eb('h.revoked_on', 'is', null), eb('h.revoked_on', '>', s.asOf)]))
          : q.where(inForce(s.asOf));
      if (s.reading.distinctEnterprises) {
        q = q.where(
          sql<SqlBool>`not exists (select 1 from honours h2 where h2.programme_code = h.programme_code and h2.enterprise_id = h.enterprise_id and h2.granted_on >= ${start}
            and (h2.granted_on < h.granted_on or (h2.granted_on = h.granted_on and h2.id < h.id)) and (h2.revoked_on is null or h2.revoked_on > ${s.asOf}))`,
        );
      }
      return scoped(q, s, 'h.region_code').select([
        sql<string>`h.id`.as('id'),
        sql<string>`case when h.title = '' then h.mark else h.title end`.as('label'),
        ...ownedBy('h.region_code'),
        sql<number>`1`.as('num'),
        sql<number>`0`.as('den'),
      ]) as Rows;
    },
  },

  /** Enterprises on the year's flagship list. */
  flagship_count: {
    kind: 'enterprise',
    sources: ['enterprises', 'flagship_designations'],
    rows: (db, s) =>
      scoped(
        db
          .selectFrom('flagship_designations as f')
          .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
          .where('f.year', '=', s.year)
          .where('f.deleted_at', 'is', null),
        s,
        'f.region_code',
      ).select([...enterpriseColumns('f.region_code'), sql<number>`1`.as('num'), sql<number>`0`.as('den')]) as Rows,
  },
};

function yearFigures(db: Kysely<Database>, s: CalcScope, year: number) {
  return db
    .selectFrom('enterprise_yearly_figures as y')
    .innerJoin('enterprises as e', 'e.id', 'y.enterprise_id')
    .where('y.year', '=', year)
    .where('y.deleted_at', 'is', null)
    .where(onRecord('e', s.asOf));
}
/** The year's figures of industrial producers reporting `fig`: the industrial output denominators' rows, in scope. */
const industrialOutput = (db: Kysely<Database>, s: CalcScope, fig: (typeof FIGURES)[number]) =>
  scoped(yearFigures(db, s, s.year), s)
    .where(industrialInYear(s))
    .where(`y.${fig}`, 'is not', null);
