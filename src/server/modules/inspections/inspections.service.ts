import type { Kysely, Updateable } from 'kysely';
import type { Static } from 'typebox';
import type { BoardQuery, CaseActionBody, CreatePlan, InspectionListQuery, RegisterSample } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { bool, isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { addMonths, today } from '../../lib/dates';
import { parseStandardNo } from '../../lib/standard-numbers';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { findEnterprise } from '../enterprises/enterprises.repository';
import { findReferenceByCode } from '../reference/reference.repository';
import { presentInspection, presentPlan, presentTestingBody } from './inspections.presenter';
import { caseScope, CITY, repeatForbidden } from './inspections.policy';
import { archiveProductOf, earlierChecksOfProduct, findInspection, insertInspectionEvent, listInspections, updateInspectionVersioned, type InspectionRow } from './inspections.repository';
import { reflectInArchive } from './sanctions';
import { countFinalVerdicts } from './stats.repository';
import type { InspectionTable } from './inspections.table';
import { ALLOWED, dueItems, nextState, WorkflowError, workflowSettings, type CaseChanges, type CaseSnapshot } from './workflow';

/** The open cases the board reads at most: the earliest sampled, whose deadlines come first. */
const BOARD_LIMIT = 5000;
const OPEN_STATES = ['refused', 'refusal_warned', 'unqualified', 'notified', 'objected', 'rechecking', 'final_unqualified', 'rectifying', 'review_failed', 'announced', 'suspended'] as const;

const cityWide = (actor: Actor) => actor.role === 'admin' || actor.role === 'city_officer' || actor.role === 'system';

const snapshot = (r: InspectionRow): CaseSnapshot & { rectificationDue: string | null; firstReviewDue: string | null } => ({
  state: r.state as CaseSnapshot['state'],
  sampledOn: r.sampled_on,
  testingBodyId: r.testing_body_id,
  reportOn: r.report_on,
  receivedOn: r.received_on,
  objectionUntil: r.objection_until,
  objectionFiledOn: r.objection_filed_on,
  rectificationOrderedOn: r.rectification_ordered_on,
  announcedOn: r.announced_on,
  rectificationDue: r.rectification_due,
  firstReviewDue: r.first_review_due,
});

/** Workflow changes (camelCase) → columns. */
function columns(c: CaseChanges): Updateable<InspectionTable> {
  const map: Record<string, keyof InspectionTable> = {
    state: 'state', verdict: 'verdict', finalVerdict: 'final_verdict', reportOn: 'report_on', testingBodyId: 'testing_body_id', receivedOn: 'received_on',
    objectionUntil: 'objection_until', objectionFiledOn: 'objection_filed_on', recheckBodyId: 'recheck_body_id', recheckPayer: 'recheck_payer',
    rectificationOrderedOn: 'rectification_ordered_on', rectificationDue: 'rectification_due', firstReviewDue: 'first_review_due', announcedOn: 'announced_on',
    secondReviewFrom: 'second_review_from', secondReviewUntil: 'second_review_until', closedOn: 'closed_on',
  };
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [map[k]!, v])) as Updateable<InspectionTable>;
}

export function inspectionService(ctx: AppContext) {
  const { db } = ctx;
  const settings = workflowSettings(ctx.config);
  const allowed = (actor: Actor, row: InspectionRow) => (actor.role === 'leading_group' ? [] : [...ALLOWED[row.state as CaseSnapshot['state']]]);

  async function activeBody(trx: Kysely<Database>, id: string) {
    const body = await trx.selectFrom('testing_bodies').selectAll().where('id', '=', id).executeTakeFirst();
    if (!body || !body.active) throw new AppError('unknown_testing_body');
    return body;
  }

  async function load(actor: Actor, id: string) {
    const row = await findInspection(db, id, caseScope(actor));
    if (!row) throw new AppError('not_found');
    return row;
  }

  async function detail(actor: Actor, row: InspectionRow) {
    const items = await db.selectFrom('inspection_items').selectAll().where('inspection_id', '=', row.id).orderBy('stage').orderBy('seq').execute();
    const events = await db.selectFrom('inspection_events').selectAll().where('inspection_id', '=', row.id).orderBy('at').orderBy('id').execute();
    return {
      inspection: presentInspection(row, allowed(actor, row)),
      items: items.map((i) => ({ stage: i.stage, seq: i.seq, item: i.item, requirement: i.requirement, measured: i.measured, passed: i.passed === true || i.passed === 1, severity: i.severity })),
      events: events.map((e) => ({ action: e.action, on: e.on_date, stateAfter: e.state_after, details: JSON.parse(e.details), actorId: e.actor_id, at: e.at })),
      due: dueItems(snapshot(row), settings),
    };
  }

  return {
    async listTestingBodies() {
      const rows = await db.selectFrom('testing_bodies').selectAll().orderBy('name').execute();
      return { items: rows.map(presentTestingBody) };
    },

    /** Testing bodies are registered by the city (admin, city officers). */
    async createTestingBody(actor: Actor, input: { name: string; accreditationNo: string; scope?: string }) {
      if (!cityWide(actor)) throw new AppError('forbidden');
      const now = new Date().toISOString();
      const row = { id: uuidv7(), name: input.name.trim(), accreditation_no: input.accreditationNo.trim(), scope: input.scope ?? '', active: bool(true), version: 1, created_at: now, updated_at: now, created_by: actor.id };
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('testing_bodies').values(row).execute();
          await recordAudit(trx, actor, 'testing_body.create', { type: 'testing_body', id: row.id }, null, presentTestingBody(row));
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('duplicate_record');
        throw err;
      }
      return presentTestingBody(row);
    },

    async listPlans(actor: Actor, year?: number) {
      let q = db.selectFrom('inspection_plans').selectAll();
      if (year) q = q.where('year', '=', year);
      // A county sees the plans above it and its own, not other counties'.
      if (actor.role === 'county_officer') q = q.where((eb) => eb.or([eb('level', '!=', 'county'), eb('region_code', '=', actor.regionCode ?? '-')]));
      const rows = await q.orderBy('year', 'desc').orderBy('created_at', 'desc').execute();
      return { items: rows.map(presentPlan) };
    },

    /** A plan with its category schemes. County officers plan for their county only. */
    async createPlan(actor: Actor, input: CreatePlan) {
      if (actor.role === 'county_officer' && (input.level !== 'county' || input.regionCode !== actor.regionCode)) throw new AppError('out_of_scope');
      if (input.level === 'county' ? input.regionCode === CITY : input.regionCode !== CITY) {
        throw new AppError('validation_failed', [{ path: 'body/regionCode', message: '县级计划填写本县代码，其他级别填写 431000' }]);
      }
      const now = new Date().toISOString();
      const row = {
        id: uuidv7(), year: input.year, level: input.level, title: input.title.trim(), department_code: input.departmentCode, region_code: input.regionCode,
        categories: JSON.stringify(input.categories), version: 1, created_at: now, updated_at: now, created_by: actor.id,
      };
      await db.transaction().execute(async (trx) => {
        if (!(await findReferenceByCode(trx, 'departments', input.departmentCode))) throw new AppError('validation_failed', [{ path: 'body/departmentCode', message: '部门不存在' }]);
        if (!(await findReferenceByCode(trx, 'regions', input.regionCode))) throw new AppError('unknown_region');
        for (const [i, c] of input.categories.entries()) {
          if (!(await findReferenceByCode(trx, 'product-categories', c.categoryCode))) throw new AppError('unknown_category', [{ path: `body/categories/${i}/categoryCode`, message: '产品类别不存在' }]);
          if (c.testingBodyId) await activeBody(trx, c.testingBodyId);
        }
        await trx.insertInto('inspection_plans').values(row).execute();
        await recordAudit(trx, actor, 'inspection_plan.create', { type: 'inspection_plan', id: row.id }, null, presentPlan(row));
      });
      return presentPlan(row);
    },

    /**
     * Registers a sampled batch (抽样单). The sampled unit and the labelled producer link to the
     * archive when given by id. Refused by the no-repeat rule unless a tracking or emergency check.
     */
    async registerSample(actor: Actor, input: RegisterSample) {
      if (input.sampledOn > today()) throw new AppError('validation_failed', [{ path: 'body/sampledOn', message: '抽样日期不能晚于今天' }]);
      const checkType = input.checkType ?? 'routine';
      const row = await db.transaction().execute(async (trx) => {
        const plan = await trx.selectFrom('inspection_plans').selectAll().where('id', '=', input.planId).executeTakeFirst();
        if (!plan) throw new AppError('not_found');
        if (!(JSON.parse(plan.categories) as { categoryCode: string }[]).some((c) => c.categoryCode === input.categoryCode)) throw new AppError('category_not_in_plan');
        const scope = caseScope(actor);
        const sampled = input.sampledEnterpriseId ? await findEnterprise(trx, input.sampledEnterpriseId, {}) : undefined;
        if (input.sampledEnterpriseId && !sampled) throw new AppError('validation_failed', [{ path: 'body/sampledEnterpriseId', message: '档案中没有该企业' }]);
        const producer = input.producerEnterpriseId ? await findEnterprise(trx, input.producerEnterpriseId, {}) : undefined;
        if (input.producerEnterpriseId && !producer) throw new AppError('validation_failed', [{ path: 'body/producerEnterpriseId', message: '档案中没有该企业' }]);
        const unitName = sampled?.name ?? input.sampledUnitName;
        if (!unitName) throw new AppError('validation_failed', [{ path: 'body/sampledUnitName', message: '请选择档案中的受检单位或填写其名称' }]);
        // Sampled at the producer: the producer is the sampled unit unless another is named.
        const atProducer = input.place === 'production' && !input.producerEnterpriseId && !input.producerName;
        const producerName = producer?.name ?? input.producerName ?? (atProducer ? unitName : undefined);
        if (!producerName) throw new AppError('validation_failed', [{ path: 'body/producerName', message: '请填写标称生产企业' }]);
        const regionCode = sampled?.region_code ?? (plan.level === 'county' ? plan.region_code : (actor.regionCode ?? CITY));
        if (scope.regionCode && regionCode !== scope.regionCode) throw new AppError('out_of_scope');
        const producerEnterpriseId = producer?.id ?? (atProducer ? (sampled?.id ?? null) : null);
        // The archive product sampled: the one named, else the producer's product of the same name and model.
        const productId = producerEnterpriseId ? await archiveProductOf(trx, producerEnterpriseId, input.productName.trim(), input.model?.trim() ?? '', input.productId) : null;
        if (input.productId && !productId) throw new AppError('validation_failed', [{ path: 'body/productId', message: '该产品不是标称生产企业档案中的产品' }]);
        const standardNo = input.standardNo?.trim() ?? '';
        const product = {
          productId,
          producerEnterpriseId,
          producerName,
          standardNo: parseStandardNo(standardNo)?.canonical ?? standardNo,
          brand: input.brand?.trim() ?? '',
          model: input.model?.trim() ?? '',
        };
        if (checkType === 'routine' && !input.refused) {
          // SAMR Order No. 18: not the same product twice in 6 months by one department, nor by a lower level after a higher one.
          const earlier = await earlierChecksOfProduct(trx, product, addMonths(input.sampledOn, -6), input.sampledOn);
          const clash = earlier.find((e) => repeatForbidden(e, plan));
          if (clash) throw new AppError('repeat_check', [{ path: 'body', message: `${clash.sampled_on} 已抽查（${clash.level}）` }]);
        }
        const now = new Date().toISOString();
        const state = input.refused ? 'refused' : 'sampled';
        const created = {
          id: uuidv7(), plan_id: plan.id, year: plan.year, level: plan.level, product_id: productId, testing_body_name: '', category_code: input.categoryCode, check_type: checkType, region_code: regionCode,
          sampled_enterprise_id: sampled?.id ?? null, sampled_unit_name: unitName, producer_enterprise_id: product.producerEnterpriseId, producer_name: producerName,
          producer_region_code: producer?.region_code ?? input.producerRegionCode ?? (atProducer ? (sampled?.region_code ?? null) : null),
          product_name: input.productName.trim(), brand: product.brand, model: product.model, standard_no: product.standardNo, batch: input.batch ?? '',
          place: input.place, sampled_on: input.sampledOn, document_no: input.documentNo, samplers: JSON.stringify(input.samplers),
          test_quantity: input.testQuantity ?? '', reserve_quantity: input.reserveQuantity ?? '', state, verdict: null, final_verdict: null,
          testing_body_id: null, report_no: null, report_on: null, received_on: null, objection_until: null, objection_filed_on: null, recheck_body_id: null,
          recheck_payer: null, rectification_ordered_on: null, rectification_due: null, first_review_due: null, announced_on: null, second_review_from: null,
          second_review_until: null, closed_on: null, published_on: null, import_id: null, remarks: '', parties: '[]', date_basis: 'sampled', listed: bool(true),
          version: 1, created_at: now, updated_at: now, created_by: actor.id,
        };
        await trx.insertInto('inspections').values(created).execute();
        await insertInspectionEvent(trx, { id: uuidv7(), inspection_id: created.id, action: input.refused ? 'refuse' : 'register', on_date: input.sampledOn, state_after: state, details: JSON.stringify({ checkType }), actor_id: actor.id, at: now });
        await recordAudit(trx, actor, 'inspection.register', { type: 'inspection', id: created.id }, null, presentInspection(created, []));
        return created;
      });
      return presentInspection(row, allowed(actor, row));
    },

    /** Newest sampling first, in pages: `after` is the previous page's nextCursor. */
    async list(actor: Actor, query: Static<typeof InspectionListQuery>) {
      const limit = query.limit ?? 100;
      const after = query.after === undefined ? undefined : (decodeCursor(query.after, 2) as [string, string]);
      const rows = await listInspections(db, caseScope(actor), query, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => presentInspection(r, allowed(actor, r))),
        meta: { nextCursor: rows.length > limit && last ? encodeCursor([last.sampled_on, last.id]) : null },
      };
    },

    async get(actor: Actor, id: string) {
      return detail(actor, await load(actor, id));
    },

    /** One step of the workflow: its rules, the computed deadlines, the timeline and the audit, or 409/400 with a code. */
    async act(actor: Actor, id: string, input: CaseActionBody) {
      const after = await db.transaction().execute(async (trx) => {
        const before = await findInspection(trx, id, caseScope(actor));
        if (!before) throw new AppError('not_found');
        if (before.version !== input.version) throw new AppError('stale_version');
        if (input.action === 'record_result' || input.action === 'record_recheck') {
          // No verdict has a default: every item is chosen 合格 or 不合格; the case's verdict derives from them.
          const unchosen = input.items.flatMap((it, i) => (typeof it.passed === 'boolean' ? [] : [{ path: `body/items/${i}/passed`, message: `“${it.item}”未选择合格或不合格` }]));
          if (unchosen.length) throw new AppError('item_verdict_required', unchosen);
        }
        const failed = input.action === 'record_result' || input.action === 'record_recheck' ? input.items.filter((i) => i.passed === false).length : 0;
        if (input.action === 'record_result') await activeBody(trx, input.testingBodyId);
        if (input.action === 'decide_objection' && input.recheckBodyId) await activeBody(trx, input.recheckBodyId);
        let changes: CaseChanges;
        try {
          changes = nextState(snapshot(before), { ...input, failedItems: failed } as never, today());
        } catch (err) {
          if (err instanceof WorkflowError) throw new AppError(err.code, [{ path: 'body', message: err.message }]);
          throw err;
        }
        const extra: Updateable<InspectionTable> = input.action === 'record_result' ? { report_no: input.reportNo } : {};
        const updated = await updateInspectionVersioned(trx, id, before.version, { ...columns(changes), ...extra });
        if (!updated) throw new AppError('stale_version');
        if (!before.final_verdict && updated.final_verdict) await countFinalVerdicts(trx, [updated]);
        if (input.action === 'record_result' || input.action === 'record_recheck') {
          const stage = input.action === 'record_result' ? 'initial' : 'recheck';
          await trx
            .insertInto('inspection_items')
            .values(input.items.map((it, seq) => ({ id: uuidv7(), inspection_id: id, stage, seq, item: it.item, requirement: it.requirement ?? '', measured: it.measured ?? '', passed: bool(it.passed === true), severity: it.severity ?? 'general' })))
            .execute();
        }
        const { action, on, version: _v, ...details } = input as CaseActionBody & Record<string, unknown>;
        // Order No. 18 art. 44: a producer outside the city is notified through its own local department.
        if (action === 'notify' && before.producer_region_code && !before.producer_region_code.startsWith(CITY.slice(0, 4))) details.crossRegion = true;
        await insertInspectionEvent(trx, { id: uuidv7(), inspection_id: id, action, on_date: on, state_after: updated.state, details: JSON.stringify(details), actor_id: actor.id, at: new Date().toISOString() });
        await recordAudit(trx, actor, `inspection.${action}`, { type: 'inspection', id }, presentInspection(before, []), presentInspection(updated, []));
        // 停业整顿 and 吊销 reach the archive in the same transaction.
        await reflectInArchive(trx, actor, before, updated, on);
        return updated;
      });
      return detail(actor, after);
    },

    /** What is due and overdue on open cases in the actor's scope, earliest first. */
    async board(actor: Actor, query: Static<typeof BoardQuery> = {}) {
      const rows = await listInspections(db, caseScope(actor), { states: OPEN_STATES, oldestFirst: true }, BOARD_LIMIT + 1);
      const now = today();
      const officerIds = [...new Set(rows.map((r) => r.created_by).filter((id): id is string => id !== null))];
      const officers = new Map(officerIds.length ? (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', officerIds).execute()).map((u) => [u.id, u.display_name]) : []);
      const regions = new Map((await db.selectFrom('regions').select(['code', 'name']).execute()).map((r) => [r.code, r.name]));
      const entries = rows.slice(0, BOARD_LIMIT).flatMap((r) =>
        dueItems(snapshot(r), settings).map((d) => ({
          inspectionId: r.id, regionCode: r.region_code, productName: r.product_name, producerName: r.producer_name, state: r.state,
          kind: d.kind, ...(d.from ? { from: d.from } : {}), by: d.by, overdue: d.by < now, officerId: r.created_by, officerName: officers.get(r.created_by ?? '') ?? '',
        })),
      );
      // Tallies of everything due in scope, so a county or an officer can be picked to filter by.
      const tally = (key: (e: (typeof entries)[number]) => string, name: (key: string) => string) => {
        const sums = new Map<string, { key: string; name: string; due: number; overdue: number }>();
        for (const e of entries) {
          const k = key(e);
          const sum = sums.get(k) ?? { key: k, name: name(k), due: 0, overdue: 0 };
          sum.due++;
          if (e.overdue) sum.overdue++;
          sums.set(k, sum);
        }
        return [...sums.values()].sort((a, b) => b.overdue - a.overdue || b.due - a.due || a.key.localeCompare(b.key));
      };
      const shown = entries.filter(
        (e) => (!query.regionCode || e.regionCode === query.regionCode) && (!query.officerId || e.officerId === query.officerId) && (!query.overdue || e.overdue),
      );
      return {
        items: shown.sort((a, b) => (a.by < b.by ? -1 : a.by > b.by ? 1 : 0)),
        summary: { byCounty: tally((e) => e.regionCode, (k) => regions.get(k) ?? k), byOfficer: tally((e) => e.officerId ?? '', (k) => officers.get(k) ?? '') },
        meta: { truncated: rows.length > BOARD_LIMIT },
      };
    },
  };
}
export type InspectionService = ReturnType<typeof inspectionService>;
