import type { Kysely } from 'kysely';
import type { Actor } from '../../authz/actor';
import type { Database } from '../../db/database';
import { insertChunked } from '../../db/bulk';
import { addDays, addMonths, today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import type { AssessmentService } from '../assessments/assessments.service';
import { recordAudit } from '../audit/audit.service';
import { planStartOf } from '../brands/demo';
import type { TargetService } from './targets.service';
import type { RegionDirectory } from '../reference/region-directory';

/** A reported figure's plausible size: [denominator range, share that meets it] for a rate, or a value. */
const FIGURES: Record<string, { den?: [number, number]; share?: [number, number]; value?: [number, number] }> = {
  'PQ-AGSTD': { den: [8, 15], share: [0.86, 1] },
  'PQ-EXPORT': { den: [180, 2400], share: [0.985, 1] },
  'CON-STD': { den: [20, 90], share: [0.97, 1] },
  'CON-FIRSTPASS': { den: [20, 90], share: [0.95, 1] },
  'CON-EXCELLENT': { den: [20, 90], share: [0.7, 0.92] },
  'CON-UNQUALIFIED': { value: [0, 0] },
  'ENV-DISCHARGE': { den: [30, 120], share: [0.93, 1] },
  'ENV-WASTE': { den: [40_000, 220_000], share: [0.9, 0.99] },
  'PROV-PASSRATE': { den: [9_000, 12_000], share: [0.9, 0.95] },
  'PROV-BRANDGROWTH': { value: [4, 8] },
  'PROV-BRANDGROWTH-SALES': { value: [3, 7] },
  'PROV-BRANDGROWTH-EXPORT': { value: [-2, 6] },
  'PROV-BRANDGROWTH-PROFIT': { value: [2, 6] },
};
/** A number in [lo, hi] fixed by the key, so a re-seed on the same day gives the same figures. */
function pick(key: string, lo: number, hi: number): number {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return lo + (h / 2 ** 32) * (hi - lo);
}

/**
 * The running five-year plan (a copy of the seeded 2010–2015 plan, as a city would start one),
 * every reported figure of this year and last approved for all 11 counties and the province,
 * and this year's county assessment opened with county targets from the draft's split. Once.
 */
export async function seedDemoTargets(
  s: { targets: TargetService; assessments: AssessmentService; regions: RegionDirectory },
  db: Kysely<Database>,
  actor: Actor,
): Promise<string | null> {
  const now = today();
  const year = Number(now.slice(0, 4));
  const start = planStartOf(year);
  if (await db.selectFrom('target_plans').select('id').where('start_year', '<=', year).where('end_year', '>=', year).executeTakeFirst())
    return null;
  const template = await db.selectFrom('target_plans').select('id').orderBy('start_year', 'desc').executeTakeFirst();
  if (!template) return null;
  const plan = await s.targets.copyPlan(actor, template.id, {
    code: `zlxc-${start}-${start + 4}`,
    name: `质量兴郴 ${start}—${start + 4}`,
    nameEn: `Quality-Driven Chenzhou ${start}–${start + 4}`,
    startYear: start,
    endYear: start + 4,
  });

  const indicators = await db
    .selectFrom('plan_indicators')
    .select(['code', 'kind', 'owner_department', 'report_regions'])
    .where('plan_id', '=', plan.id)
    .where('source', '=', 'reported')
    .execute();
  const tree = await s.regions.tree();
  const counties = tree.units();
  const province = tree.parentOfHome();
  const stamp = new Date().toISOString();
  const values: object[] = [];
  const events: object[] = [];
  for (const period of [year - 1, year]) {
    // Last year's figures were approved in the spring; this year's are in by now.
    const decided = period < year ? `${period + 1}-02-20T02:00:00.000Z` : stamp;
    for (const i of indicators) {
      const f =
        FIGURES[i.code] ??
        (i.kind === 'rate'
          ? { den: [50, 200] as [number, number], share: [0.9, 1] as [number, number] }
          : { value: [1, 10] as [number, number] });
      for (const region of i.report_regions === 'province' ? (province ? [province] : []) : counties) {
        const key = `${i.code}|${region}|${period}`;
        const den = f.den ? Math.round(pick(key, ...f.den)) : null;
        const figures =
          den !== null
            ? { numerator: Math.round(den * pick(`${key}|n`, ...f.share!)), denominator: den, value: null }
            : { numerator: null, denominator: null, value: Math.round(pick(key, ...f.value!) * 10) / 10 };
        const id = uuidv7();
        values.push({
          id,
          indicator_code: i.code,
          region_code: region,
          period: String(period),
          department_code: i.owner_department,
          ...figures,
          comment: '',
          status: 'approved',
          submitted_at: decided,
          decided_at: decided,
          decided_by: actor.id,
          decision_comment: '',
          version: 3,
          created_at: decided,
          updated_at: decided,
          created_by: null,
        });
        for (const action of ['save', 'submit', 'approve'])
          events.push({
            id: uuidv7(),
            reported_value_id: id,
            action,
            ...figures,
            comment: '',
            actor_id: action === 'approve' ? actor.id : null,
            at: decided,
          });
      }
    }
  }
  await db.transaction().execute(async (trx) => {
    await insertChunked(trx, 'reported_values', values as never);
    await insertChunked(trx, 'reported_value_events', events as never);
    await recordAudit(trx, actor, 'targets.seed', { type: 'target_plan', id: plan.id }, null, {
      plan: plan.code,
      reportedValues: values.length,
    });
  });

  // This year's assessment, opened: the draft's items, and its count targets split among the counties.
  const draft = await s.assessments.draft(plan.id);
  const scheme = await s.assessments.createScheme(actor, {
    year,
    name: `${year}年度县市区质量工作考核`,
    planId: plan.id,
    items: draft.items,
    countyTargets: draft.countyTargets,
    // County targets were due a month ago (or on 1 January, early in the year); self-assessment next month.
    targetsDueOn: [addDays(now, -30), `${year}-01-01`].sort()[1]!,
    selfDueOn: addMonths(now, 1),
    reviewDueOn: addMonths(now, 2),
  });
  await s.assessments.open(actor, scheme.id, scheme.version);
  return plan.id;
}
