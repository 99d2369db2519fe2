import type { Kysely } from 'kysely';
import type { Actor } from '../../authz/actor';
import type { Database } from '../../db/database';
import { today } from '../../lib/dates';
import type { CultivationService } from './cultivations.service';
import { planStartOf } from './demo';
import type { Stage } from './pipeline';
import type { KeyProjectService } from './projects.service';
import type { RewardService } from './rewards.service';

/** The demo's cultivations: a programme and the stages it went through after 候选 (the last is where it rests). */
const CULTIVATIONS: { programme: string; product: boolean; path: Stage[] }[] = [
  { programme: 'chenzhou_top_brand', product: true, path: ['cultivating', 'applied', 'recommended', 'reviewing', 'publicised', 'granted'] },
  { programme: 'hunan_top_brand', product: true, path: ['cultivating', 'applied', 'recommended', 'reviewing'] },
  { programme: 'chenzhou_mayor_award', product: false, path: ['cultivating', 'applied'] },
  { programme: 'hunan_qm_award', product: false, path: ['cultivating'] },
  { programme: 'chenzhou_top_brand', product: true, path: ['cultivating', 'applied', 'rejected'] },
  { programme: 'hunan_governor_award', product: false, path: [] },
];
/** The reward rules, from a year of the plan (0: the running plan's first, -5: the one before) until replaced. */
const RULES: { programme: string; from: 0 | -5; amount: number; cityShare: number; fund: string }[] = [
  { programme: 'hunan_top_brand', from: -5, amount: 100_000, cityShare: 50, fund: '市质量兴市专项资金' },
  { programme: 'hunan_top_brand', from: 0, amount: 200_000, cityShare: 50, fund: '市质量兴市专项资金' },
  { programme: 'hunan_qm_award', from: -5, amount: 300_000, cityShare: 60, fund: '市质量兴市专项资金' },
  { programme: 'hunan_service_brand', from: 0, amount: 100_000, cityShare: 50, fund: '市质量兴市专项资金' },
  { programme: 'chenzhou_top_brand', from: 0, amount: 50_000, cityShare: 100, fund: '市本级财政' },
  { programme: 'green_food', from: 0, amount: 20_000, cityShare: 0, fund: '县市区财政' },
];
const PROJECTS: { name: string; investment: number; status: 'planned' | 'under_way' | 'completed'; lastYear?: true }[] = [
  { name: '智能化生产线技术改造', investment: 38_000_000, status: 'under_way' },
  { name: '节能降耗技术改造', investment: 12_500_000, status: 'planned' },
  { name: '质量检测中心建设', investment: 6_800_000, status: 'under_way' },
  { name: '数字化车间改造', investment: 21_000_000, status: 'planned' },
  { name: '清洁生产工艺改造', investment: 9_600_000, status: 'completed', lastYear: true },
];

/**
 * The brands module's work in progress, through its services as officers would do it (so every
 * step is audited): cultivations resting at different stages (one 认定, one 落选), the reward
 * rules with this year's honours proposed and some approved, and this year's technical-upgrade
 * projects with one selected. Steps are dated today: a cultivation cannot move before it is
 * created. Once: skipped when any cultivation, reward or key project exists (the seeded 2010
 * rules are kept, and a rule already on record for a programme and year is not made again).
 */
export async function seedDemoBrandWork(
  s: { cultivations: CultivationService; rewards: RewardService; keyProjects: KeyProjectService },
  db: Kysely<Database>,
  actor: Actor,
): Promise<number> {
  for (const table of ['cultivations', 'rewards', 'key_projects'] as const)
    if (await db.selectFrom(table).select('id').executeTakeFirst()) return 0;
  const now = today();
  const year = Number(now.slice(0, 4));
  // Enterprises that may apply (no spot check on record, a licence in force if they hold any, no credit list), each with its first product, one per county first.
  const candidates = await db
    .selectFrom('enterprises as e')
    // A subquery, not a join and a grouping: the walk stops at the first 60 (fast over a big archive too).
    .select([
      'e.id',
      'e.region_code',
      (eb) =>
        eb
          .selectFrom('products as p')
          .select((x) => x.fn.min('p.id').as('id'))
          .whereRef('p.enterprise_id', '=', 'e.id')
          .where('p.deleted_at', 'is', null)
          .as('product_id'),
    ])
    .where('e.deleted_at', 'is', null)
    .where('e.status', '=', 'operating')
    .where(({ not, exists, selectFrom, or, eb }) =>
      not(
        exists(
          selectFrom('inspections as i')
            .select('i.id')
            .where((x) => or([x('i.sampled_enterprise_id', '=', eb.ref('e.id')), x('i.producer_enterprise_id', '=', eb.ref('e.id'))])),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('credit_list_entries as c').select('c.id').whereRef('c.enterprise_id', '=', 'e.id'))),
    )
    .where(({ or, not, exists, selectFrom }) =>
      or([
        not(exists(selectFrom('licences as l').select('l.id').whereRef('l.enterprise_id', '=', 'e.id').where('l.deleted_at', 'is', null))),
        exists(
          selectFrom('licences as l')
            .select('l.id')
            .whereRef('l.enterprise_id', '=', 'e.id')
            .where('l.deleted_at', 'is', null)
            .where('l.status', '=', 'valid')
            .where((x) => x.or([x('l.expires_on', 'is', null), x('l.expires_on', '>=', now)])),
        ),
      ]),
    )
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('products as p').select('p.id').whereRef('p.enterprise_id', '=', 'e.id').where('p.deleted_at', 'is', null)),
    )
    .orderBy('e.id')
    .limit(60)
    .execute();
  const counties = new Set<string>();
  const first = candidates.filter((c) => !counties.has(c.region_code) && counties.add(c.region_code));
  const pool = [...first, ...candidates.filter((c) => !first.includes(c))];
  if (pool.length < CULTIVATIONS.length + PROJECTS.length) return 0;

  let steps = 0;
  let certificates = 0;
  for (const [i, c] of CULTIVATIONS.entries()) {
    const e = pool[i]!;
    let { id, version } = await s.cultivations.create(actor, {
      programmeCode: c.programme,
      enterpriseId: e.id,
      productIds: c.product ? [e.product_id as string] : [],
      notes: '列入年度培育计划',
    });
    for (const to of c.path) {
      const grant =
        to === 'granted'
          ? { certificateNo: `郴名牌${year}-${String(++certificates).padStart(3, '0')}`, authority: '郴州市人民政府' }
          : undefined;
      ({ id, version } = await s.cultivations.advance(actor, id, {
        to,
        on: now,
        version,
        ...(grant ? { grant } : {}),
        ...(to === 'rejected' ? { note: '评审未通过' } : {}),
      }));
      steps++;
    }
  }

  const start = planStartOf(year);
  const onRecord = new Set(
    (await db.selectFrom('reward_rules').select(['programme_code', 'year']).execute()).map((r) => `${r.programme_code}|${r.year}`),
  );
  for (const r of RULES)
    if (!onRecord.has(`${r.programme}|${start + r.from}`))
      await s.rewards.createRule(actor, {
        programmeCode: r.programme,
        year: start + r.from,
        amount: r.amount,
        citySharePercent: r.cityShare,
        fundSource: r.fund,
      });
  // This year's honours of programmes with a rule, the latest two of each programme: proposed, every other one approved.
  const granted = await db
    .selectFrom('honours')
    .select(['id', 'programme_code'])
    .where('granted_on', '>=', `${year}-01-01`)
    .where('revoked_on', 'is', null)
    .where('programme_code', 'in', [...new Set(RULES.map((r) => r.programme))])
    .orderBy('granted_on', 'desc')
    .orderBy('id')
    .execute();
  const honours = granted.filter((h, i) => granted.slice(0, i).filter((o) => o.programme_code === h.programme_code).length < 2);
  for (const [i, h] of honours.entries()) {
    const reward = await s.rewards.propose(actor, h.id);
    if (i % 2 === 0) await s.rewards.setStatus(actor, reward.id, { to: 'approved', on: now, version: reward.version });
  }

  // This year's projects (and one of last year's, completed), each in another county; the largest of this year selected.
  for (const [i, p] of PROJECTS.entries()) {
    const e = pool[CULTIVATIONS.length + i]!;
    const project = await s.keyProjects.create(actor, {
      enterpriseId: e.id,
      year: p.lastYear ? year - 1 : year,
      name: p.name,
      investment: p.investment,
      status: p.status,
    });
    if (i === 0) await s.keyProjects.select(actor, project.id, { selected: true, on: now, version: project.version });
  }
  return steps + honours.length + PROJECTS.length;
}
