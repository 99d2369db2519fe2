import type { Insertable, Kysely } from 'kysely';
import type { Actor } from '../../authz/actor';
import { insertChunked } from '../../db/bulk';
import type { Database } from '../../db/database';
import { toBool } from '../../db/portable';
import { newRecordMeta } from '../../db/types';
import { addDays, addMonths, today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { syncFlagshipFlags } from './flagships.service';
import { syncBrandFlags } from './honours.service';
import type { HonourTable } from './honours.table';
import { honourDates } from './validity';

type Fit = { service: boolean; agri: string; food: boolean; products: boolean };
/**
 * When the k-th honour of a rule was granted, relative to today (`start` is the running plan's
 * 1 January): `inPlan` spreads grants from the plan's start to today (the "created in the plan"
 * counts), `review` puts them a review cycle before next month (复评 due next month), otherwise
 * `monthsAgo` back from today.
 */
type When = { inPlan: true } | { review: true } | { monthsAgo: number };
interface Rule {
  programme: string;
  every: number;
  offset: number;
  fits: (e: Fit) => boolean;
  when: When[];
  /** The certificate number of the n-th grant of the year, in the issuer's style. */
  number: (year: number, n: number, month: string) => string;
}
const seq = (n: number, width: number) => String(n).padStart(width, '0');
const RULES: Rule[] = [
  {
    programme: 'hunan_top_brand',
    every: 25,
    offset: 0,
    fits: (e) => e.products,
    when: [{ monthsAgo: 30 }, { review: true }, { monthsAgo: 20 }, { inPlan: true }, { monthsAgo: 8 }, { monthsAgo: 52 }],
    number: (y, n) => `湘名牌${y}-${seq(n, 4)}`,
  },
  // The programme ended in 2007 (last_grant_year): its honours are history, not current dates.
  {
    programme: 'china_top_brand',
    every: 300,
    offset: 11,
    fits: (e) => e.products,
    when: [{ monthsAgo: 0 }],
    number: (y, n) => `中名牌${y}-${seq(n, 3)}`,
  },
  {
    programme: 'hunan_qm_award',
    every: 250,
    offset: 17,
    fits: () => true,
    when: [{ inPlan: true }, { monthsAgo: 40 }],
    number: (y, n) => `湘质奖〔${y}〕${n}号`,
  },
  {
    programme: 'hunan_service_brand',
    every: 6,
    offset: 1,
    fits: (e) => e.service,
    when: [{ inPlan: true }, { monthsAgo: 26 }, { review: true }, { monthsAgo: 14 }],
    number: (y, n) => `湘服名牌${y}-${seq(n, 4)}`,
  },
  {
    programme: 'service_std_unit',
    every: 3,
    offset: 2,
    fits: (e) => e.service,
    when: [{ monthsAgo: 30 }, { inPlan: true }, { monthsAgo: 18 }],
    number: (y, n) => `郴服标〔${y}〕${n}号`,
  },
  {
    programme: 'green_food',
    every: 2,
    offset: 0,
    fits: (e) => e.agri !== 'none' && e.food,
    when: [{ monthsAgo: 10 }, { monthsAgo: 22 }, { inPlan: true }, { monthsAgo: 30 }],
    number: (y, n, m) => `LB-15-${y}${m}${seq(430000 + n, 6)}A`,
  },
  {
    programme: 'no_fake_demo',
    every: 60,
    offset: 23,
    fits: () => true,
    when: [{ inPlan: true }, { monthsAgo: 28 }],
    number: (y, n) => `郴无假货示范〔${y}〕${n}号`,
  },
  {
    programme: 'key_big_brand',
    every: 200,
    offset: 29,
    fits: (e) => e.products,
    when: [{ monthsAgo: 16 }, { inPlan: true }],
    number: (y, n) => `郴重点品牌〔${y}〕${n}号`,
  },
];

/** The day a grant falls on: `k` spreads days over the month (or over the plan so far), never after today. */
function grantDay(when: When, k: number, now: string, planStart: number, lastGrantYear: number | null): string {
  if (lastGrantYear !== null) return `${lastGrantYear - (k % 3)}-09-${seq(1 + (k % 28), 2)}`;
  if ('inPlan' in when) {
    const from = Date.parse(`${planStart}-01-01T00:00:00Z`);
    const span = Math.max(0, Date.parse(`${now}T00:00:00Z`) - from);
    return new Date(from + Math.floor((span * ((k * 37) % 100)) / 100)).toISOString().slice(0, 10);
  }
  // A 3-year review cycle falls due in the month after this one: granted 35 months before that month's day.
  const firstOfMonth = `${now.slice(0, 8)}01`;
  const day = 'review' in when ? addDays(addMonths(firstOfMonth, -35), k % 28) : addDays(addMonths(firstOfMonth, -when.monthsAgo), k % 28);
  return day > now ? now : day;
}

/** The running plan's first year: the five-year plan holding this year (2026–2030, …). */
export const planStartOf = (year: number) => 2001 + 5 * Math.floor((year - 2001) / 5);

/**
 * Demo honours over the demo archive, on dates relative to today (some due for review next
 * month), with certificate numbers in their issuers' styles; and the flagship register of this
 * year and last (the flagship-size enterprises whose sales reach the floor), which the archive's
 * flag follows. Once: a second seed of more enterprises does not grant the first ones again.
 */
export async function seedDemoHonours(db: Kysely<Database>, actor: Actor, flagshipFloor = 3_000_000_000): Promise<number> {
  if (await db.selectFrom('audit_events').select('id').where('action', '=', 'brands.seed').executeTakeFirst()) return 0;
  const now = today();
  const year = Number(now.slice(0, 4));
  const planStart = planStartOf(year);
  const programmes = new Map((await db.selectFrom('brand_programmes').selectAll().execute()).map((p) => [p.code, p]));
  const enterprises = await db
    .selectFrom('enterprises')
    .select(['id', 'name', 'region_code', 'service_enterprise', 'agri_leader_level'])
    .where('deleted_at', 'is', null)
    .orderBy('uscc')
    .execute();
  const products = await db
    .selectFrom('products')
    .select(['id', 'enterprise_id', 'name', 'food_product'])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  const firstProduct = new Map<string, { id: string; name: string; food: boolean }>();
  for (const p of products)
    if (!firstProduct.has(p.enterprise_id)) firstProduct.set(p.enterprise_id, { id: p.id, name: p.name, food: toBool(p.food_product) });
  const stamp = new Date().toISOString();
  const rows: Insertable<HonourTable>[] = [];
  const numbered = new Map<string, number>();
  for (const rule of RULES) {
    const programme = programmes.get(rule.programme);
    if (!programme) continue;
    const fitting = enterprises.filter((e) => {
      const product = firstProduct.get(e.id);
      return rule.fits({
        service: toBool(e.service_enterprise),
        agri: e.agri_leader_level,
        food: product?.food ?? false,
        products: !!product,
      });
    });
    fitting.forEach((e, k) => {
      if (k % rule.every !== rule.offset % rule.every) return;
      const when = rule.when[Math.floor(k / rule.every) % rule.when.length]!;
      const grantedOn = grantDay(when, k, now, planStart, programme.last_grant_year);
      const grantYear = Number(grantedOn.slice(0, 4));
      const key = `${programme.code}|${grantYear}`;
      numbered.set(key, (numbered.get(key) ?? 0) + 1);
      const product =
        programme.kind === 'product_brand' || programme.kind === 'food_certification' || programme.kind === 'key_brand'
          ? firstProduct.get(e.id)
          : undefined;
      const dates = honourDates(
        {
          validityYears: programme.validity_years,
          reviewCycleYears: programme.review_cycle_years,
          lastGrantYear: programme.last_grant_year,
          running: toBool(programme.running),
        },
        grantedOn,
      );
      rows.push({
        id: uuidv7(),
        programme_code: programme.code,
        enterprise_id: e.id,
        region_code: e.region_code,
        product_ids: JSON.stringify(product ? [product.id] : []),
        title: product?.name ?? e.name,
        certificate_no: rule.number(grantYear, numbered.get(key)!, grantedOn.slice(5, 7)),
        authority: '',
        case_no: '',
        mark: '',
        goods_class: '',
        granted_on: grantedOn,
        valid_until: dates.validUntil,
        next_review_on: dates.nextReviewOn,
        revoked_on: null,
        revoke_reason: '',
        version: 1,
        created_at: stamp,
        updated_at: stamp,
        created_by: actor.id,
      });
    });
  }
  // The flagship register: this year's and last year's lists, each of the enterprises whose sales that year reach the floor.
  const flagships = await db
    .selectFrom('enterprise_yearly_figures as y')
    .innerJoin('enterprises as e', 'e.id', 'y.enterprise_id')
    .select(['e.id', 'e.region_code', 'y.year'])
    .where('y.year', 'in', [year - 1, year])
    .where('y.sales_revenue', '>=', flagshipFloor)
    .where('y.deleted_at', 'is', null)
    .where('e.deleted_at', 'is', null)
    .where('e.status', '<>', 'deregistered')
    .execute();
  await db.transaction().execute(async (trx) => {
    await insertChunked(trx, 'honours', rows);
    const designations = flagships.map((f) => ({
      id: uuidv7(),
      enterprise_id: f.id,
      region_code: f.region_code,
      year: f.year,
      designated_on: `${f.year}-02-15` < now ? `${f.year}-02-15` : now,
      note: '',
      override: null,
      ...newRecordMeta(actor.id, stamp),
    }));
    await insertChunked(trx, 'flagship_designations', designations);
    await recordAudit(trx, actor, 'brands.seed', { type: 'honour', id: null }, null, {
      honours: rows.length,
      flagships: designations.length,
    });
    await syncBrandFlags(trx);
    await syncFlagshipFlags(trx);
  });
  return rows.length;
}
