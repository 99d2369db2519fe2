import type { Insertable, Kysely } from 'kysely';
import type { Actor } from '../../authz/actor';
import type { Database } from '../../db/database';
import { toBool } from '../../db/portable';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { syncBrandFlags } from './honours.service';
import type { HonourTable } from './honours.table';
import { honourDates } from './validity';

/**
 * Which demo enterprise gets which honour: every n-th enterprise (in USCC order, so the same
 * archive gets the same honours) that fits, granted in a year of the 2010–2015 plan.
 */
const RULES: { programme: string; every: number; offset: number; years: number[]; fits: (e: { service: boolean; agri: string; food: boolean; products: boolean }) => boolean }[] = [
  { programme: 'hunan_top_brand', every: 25, offset: 0, years: [2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015], fits: (e) => e.products },
  { programme: 'china_top_brand', every: 300, offset: 11, years: [2005, 2006, 2007], fits: (e) => e.products },
  { programme: 'hunan_qm_award', every: 250, offset: 17, years: [2011, 2012, 2013, 2014, 2015], fits: () => true },
  { programme: 'hunan_service_brand', every: 6, offset: 1, years: [2012, 2013, 2014, 2015], fits: (e) => e.service },
  { programme: 'service_std_unit', every: 3, offset: 2, years: [2011, 2012, 2013, 2014, 2015], fits: (e) => e.service },
  { programme: 'green_food', every: 2, offset: 0, years: [2012, 2013, 2014], fits: (e) => e.agri !== 'none' && e.food },
  { programme: 'no_fake_demo', every: 60, offset: 23, years: [2011, 2012, 2013, 2014, 2015], fits: () => true },
  { programme: 'key_big_brand', every: 200, offset: 29, years: [2011, 2012], fits: (e) => e.products },
];

/** Demo honours over the demo archive, so the register and the brand targets have something to show. */
export async function seedDemoHonours(db: Kysely<Database>, actor: Actor): Promise<number> {
  // Once: a second seed of more enterprises does not grant the first ones again.
  if (await db.selectFrom('honours').select('id').where('certificate_no', 'like', 'DEMO-%').executeTakeFirst()) return 0;
  const programmes = new Map((await db.selectFrom('brand_programmes').selectAll().execute()).map((p) => [p.code, p]));
  const enterprises = await db.selectFrom('enterprises').select(['id', 'name', 'region_code', 'service_enterprise', 'agri_leader_level']).where('deleted_at', 'is', null).orderBy('uscc').execute();
  const products = await db.selectFrom('products').select(['id', 'enterprise_id', 'name', 'food_product']).where('deleted_at', 'is', null).orderBy('id').execute();
  const firstProduct = new Map<string, { id: string; name: string; food: boolean }>();
  for (const p of products) if (!firstProduct.has(p.enterprise_id)) firstProduct.set(p.enterprise_id, { id: p.id, name: p.name, food: toBool(p.food_product) });
  const now = new Date().toISOString();
  const rows: Insertable<HonourTable>[] = [];
  for (const rule of RULES) {
    const programme = programmes.get(rule.programme);
    if (!programme) continue;
    const fitting = enterprises.filter((e) => {
      const product = firstProduct.get(e.id);
      return rule.fits({ service: toBool(e.service_enterprise), agri: e.agri_leader_level, food: product?.food ?? false, products: !!product });
    });
    fitting.forEach((e, k) => {
      if (k % rule.every !== rule.offset % rule.every) return;
      const year = rule.years[Math.floor(k / rule.every) % rule.years.length]!;
      const grantedOn = `${year}-09-${String(1 + (k % 28)).padStart(2, '0')}`;
      const product = programme.kind === 'product_brand' || programme.kind === 'food_certification' || programme.kind === 'key_brand' ? firstProduct.get(e.id) : undefined;
      const dates = honourDates({ validityYears: programme.validity_years, reviewCycleYears: programme.review_cycle_years, lastGrantYear: programme.last_grant_year, running: toBool(programme.running) }, grantedOn);
      rows.push({
        id: uuidv7(), programme_code: programme.code, enterprise_id: e.id, region_code: e.region_code, product_ids: JSON.stringify(product ? [product.id] : []),
        title: product?.name ?? e.name, certificate_no: `DEMO-${programme.code.toUpperCase()}-${year}-${String(k).padStart(4, '0')}`, authority: '', case_no: '', mark: '', goods_class: '',
        granted_on: grantedOn, valid_until: dates.validUntil, next_review_on: dates.nextReviewOn, revoked_on: null, revoke_reason: '', version: 1, created_at: now, updated_at: now, created_by: actor.id,
      });
    });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('honours').values(rows.slice(i, i + 200)).execute();
    await recordAudit(trx, actor, 'brands.seed', { type: 'honour', id: null }, null, { honours: rows.length });
    await syncBrandFlags(trx);
  });
  return rows.length;
}
