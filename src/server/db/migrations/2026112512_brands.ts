import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { columnTypes } from './dialect';

/**
 * Brand programmes (名牌、质量奖、认定…, reference data) and the honours register (DOMAIN.md §6).
 * Validity and review cycles are per programme and editable; the seeds follow what is known:
 * 中国名牌产品 granted until 2007 and valid 5 years; 湖南省名牌产品 reviewed every 3 years;
 * 驰名商标 a recognition with no validity and no public badge; 绿色食品 3 years.
 */
const PROGRAMMES = [
  {
    code: 'china_top_brand',
    name: '中国名牌产品',
    name_en: 'China Top Brand product',
    level: 'national',
    kind: 'product_brand',
    validity_years: 5,
    review_cycle_years: null,
    running: false,
    last_grant_year: 2007,
    public_badge: true,
  },
  {
    code: 'hunan_top_brand',
    name: '湖南省名牌产品',
    name_en: 'Hunan Top Brand product',
    level: 'provincial',
    kind: 'product_brand',
    validity_years: 3,
    review_cycle_years: 3,
    running: true,
    last_grant_year: null,
    public_badge: true,
  },
  {
    code: 'hunan_service_brand',
    name: '湖南服务名牌',
    name_en: 'Hunan service brand',
    level: 'provincial',
    kind: 'service_brand',
    validity_years: 3,
    review_cycle_years: 3,
    running: true,
    last_grant_year: null,
    public_badge: true,
  },
  {
    code: 'well_known_trademark',
    name: '中国驰名商标（认定）',
    name_en: 'Well-known trademark recognition',
    level: 'national',
    kind: 'trademark_recognition',
    validity_years: null,
    review_cycle_years: null,
    running: true,
    last_grant_year: null,
    public_badge: false,
  },
  {
    code: 'hunan_qm_award',
    name: '湖南省质量管理奖',
    name_en: 'Hunan Quality Management Award',
    level: 'provincial',
    kind: 'quality_award',
    validity_years: null,
    review_cycle_years: null,
    running: true,
    last_grant_year: null,
    public_badge: true,
  },
  {
    code: 'hunan_governor_award',
    name: '湖南省省长质量奖',
    name_en: "Hunan Governor's Quality Award",
    level: 'provincial',
    kind: 'quality_award',
    validity_years: null,
    review_cycle_years: null,
    running: true,
    last_grant_year: null,
    public_badge: true,
  },
  {
    code: 'chenzhou_mayor_award',
    name: '郴州市市长质量奖',
    name_en: "Chenzhou Mayor's Quality Award",
    level: 'city',
    kind: 'quality_award',
    validity_years: null,
    review_cycle_years: null,
    running: true,
    last_grant_year: null,
    public_badge: true,
  },
  {
    code: 'chenzhou_top_brand',
    name: '郴州名牌产品',
    name_en: 'Chenzhou Top Brand product',
    level: 'city',
    kind: 'product_brand',
    validity_years: 3,
    review_cycle_years: 3,
    running: true,
    last_grant_year: null,
    public_badge: true,
  },
  {
    code: 'green_food',
    name: '绿色食品',
    name_en: 'Green Food',
    level: 'national',
    kind: 'food_certification',
    validity_years: 3,
    review_cycle_years: null,
    running: true,
    last_grant_year: null,
    public_badge: true,
  },
  {
    code: 'pollution_free_produce',
    name: '无公害农产品',
    name_en: 'Pollution-free agricultural product',
    level: 'national',
    kind: 'food_certification',
    validity_years: 3,
    review_cycle_years: null,
    running: true,
    last_grant_year: null,
    public_badge: true,
  },
  {
    code: 'no_fake_demo',
    name: '“百城万店无假货”示范街（店）',
    name_en: '"No fakes" demonstration street or shop',
    level: 'national',
    kind: 'demonstration_site',
    validity_years: null,
    review_cycle_years: null,
    running: true,
    last_grant_year: null,
    public_badge: true,
  },
  {
    code: 'service_std_unit',
    name: '服务标准化达标单位',
    name_en: 'Service standardisation compliant unit',
    level: 'city',
    kind: 'standardisation_unit',
    validity_years: null,
    review_cycle_years: null,
    running: true,
    last_grant_year: null,
    public_badge: true,
  },
  {
    code: 'service_std_pilot',
    name: '服务业标准化试点',
    name_en: 'Service standardisation pilot',
    level: 'provincial',
    kind: 'standardisation_unit',
    validity_years: null,
    review_cycle_years: null,
    running: true,
    last_grant_year: null,
    public_badge: true,
  },
  {
    code: 'key_big_brand',
    name: '重点扶持大品牌',
    name_en: 'Key supported big brand',
    level: 'city',
    kind: 'key_brand',
    validity_years: null,
    review_cycle_years: null,
    running: true,
    last_grant_year: null,
    public_badge: false,
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const now = new Date().toISOString();
  await db.schema
    .createTable('brand_programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', t.bool, (c) => c.notNull().defaultTo(t.true))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('validity_years', 'integer')
    .addColumn('review_cycle_years', 'integer')
    .addColumn('running', t.bool, (c) => c.notNull().defaultTo(t.true))
    .addColumn('last_grant_year', 'integer')
    .addColumn('public_badge', t.bool, (c) => c.notNull().defaultTo(t.true))
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db
    .insertInto('brand_programmes')
    .values(
      PROGRAMMES.map((p, i) => ({
        ...p,
        id: randomUUID(),
        sort_order: (i + 1) * 10,
        active: t.true,
        running: p.running ? t.true : t.false,
        public_badge: p.public_badge ? t.true : t.false,
        rules: '',
        version: 1,
        created_at: now,
        updated_at: now,
        created_by: null,
      })),
    )
    .execute();

  await db.schema
    .createTable('honours')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_code', 'text', (c) => c.notNull().references('brand_programmes.code'))
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    // JSON array of archive product ids the honour names (product brands).
    .addColumn('product_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('certificate_no', 'text', (c) => c.notNull().defaultTo(''))
    // A recognition (驰名商标) is a case: authority, case number, mark and goods class.
    .addColumn('authority', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('case_no', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mark', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('goods_class', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('granted_on', t.date, (c) => c.notNull())
    .addColumn('valid_until', t.date)
    .addColumn('next_review_on', t.date)
    .addColumn('revoked_on', t.date)
    .addColumn('revoke_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('honours_enterprise_idx').on('honours').column('enterprise_id').execute();
  await db.schema.createIndex('honours_programme_idx').on('honours').columns(['programme_code', 'granted_on']).execute();
  await db.schema.createIndex('honours_valid_idx').on('honours').column('valid_until').execute();
  // The twice-daily flag check (and the one at start) reads the flagged products, a few among a million.
  await db.schema.createIndex('products_brand_idx').on('products').column('brand_product').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('products_brand_idx').execute();
  await db.schema.dropTable('honours').execute();
  await db.schema.dropTable('brand_programmes').execute();
}
