import type { Static } from 'typebox';
import type { BoardQuery, CaseActionBody, CreatePlan, InspectionListQuery, RegisterSample } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { addMonths, today } from '../../lib/dates';
import { parseStandardNo } from '../../lib/standard-numbers';
import { recordAudit } from '../audit/audit.service';
import { findEnterprise } from '../enterprises/enterprises.repository';
import { findReferenceByCode, referenceNames } from '../reference/reference.repository';
import { displayNames } from '../users/users.repository';
import { auditedPlan, presentInspection, presentPlan, presentTestingBody } from './inspections.presenter';
import { caseActions, caseScope, planScope, registersTestingBodies, repeatForbidden } from './inspections.policy';
import {
  applyCaseChanges,
  archiveProductOf,
  earlierChecksOfProduct,
  findInspection,
  findPlan,
  findTestingBody,
  insertCase,
  insertCaseItems,
  insertInspectionEvent,
  insertPlan,
  insertTestingBody,
  listCaseEvents,
  listCaseItems,
  listInspections,
  listPlans,
  listTestingBodies,
  type InspectionRow,
} from './inspections.repository';
import { reflectInArchive } from './sanctions';
import { countFinalVerdicts } from './stats.repository';
import { dueItems, nextState, WorkflowError, workflowSettings, type CaseChanges, type CaseSnapshot } from './workflow';
import { listRegions } from '../../authz/region-scope';

/** The open cases the board reads at most: the earliest sampled, whose deadlines come first. */
const BOARD_LIMIT = 5000;
const OPEN_STATES = [
  'refused',
  'refusal_warned',
  'unqualified',
  'notified',
  'objected',
  'rechecking',
  'final_unqualified',
  'rectifying',
  'review_failed',
  'announced',
  'suspended',
] as const;

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

export function inspectionService(ctx: AppContext) {
  const { db } = ctx;
  const settings = workflowSettings(ctx.config);
  const allowed = (actor: Actor, row: InspectionRow) => caseActions(actor, row.state);

  async function activeBody(trx: Db, id: string) {
    const body = await findTestingBody(trx, id);
    if (!body || !body.active) throw new AppError('unknown_testing_body');
    return body;
  }

  async function load(actor: Actor, id: string) {
    const row = await findInspection(db, id, caseScope(actor));
    if (!row) throw new AppError('not_found');
    return row;
  }

  async function detail(actor: Actor, row: InspectionRow) {
    return {
      inspection: presentInspection(row, allowed(actor, row)),
      items: await listCaseItems(db, row.id),
      events: await listCaseEvents(db, row.id),
      due: dueItems(snapshot(row), settings),
    };
  }

  return {
    async listTestingBodies() {
      return { items: (await listTestingBodies(db)).map(presentTestingBody) };
    },

    /** Testing bodies are registered by the city (admin, city officers). */
    async createTestingBody(actor: Actor, input: { name: string; accreditationNo: string; scope?: string }) {
      if (!registersTestingBodies(actor)) throw new AppError('forbidden');
      try {
        const row = await db.transaction().execute(async (trx) => {
          const created = await insertTestingBody(trx, actor.id, input);
          await recordAudit(trx, actor, 'testing_body.create', { type: 'testing_body', id: created.id }, null, presentTestingBody(created));
          return created;
        });
        return presentTestingBody(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('duplicate_record');
        throw err;
      }
    },

    async listPlans(actor: Actor, year?: number) {
      // A county sees the plans above it and its own, not other counties'.
      return { items: (await listPlans(db, planScope(actor), year)).map((row) => presentPlan(actor, row)) };
    },

    /** A plan with its category schemes. County officers plan for their county only. */
    async createPlan(actor: Actor, input: CreatePlan) {
      if (actor.role === 'county_officer' && (input.level !== 'county' || input.regionCode !== actor.regionCode))
        throw new AppError('out_of_scope');
      const tree = await ctx.regions.tree();
      if (input.level === 'county' ? !tree.units().includes(input.regionCode) : input.regionCode !== tree.home.code) {
        throw new AppError('validation_failed', [
          { path: 'body/regionCode', message: `县级计划填写本县代码，其他级别填写本市代码 ${tree.home.code}` },
        ]);
      }
      const row = await db.transaction().execute(async (trx) => {
        if (!(await findReferenceByCode(trx, 'departments', input.departmentCode)))
          throw new AppError('validation_failed', [{ path: 'body/departmentCode', message: '部门不存在' }]);
        if (!(await findReferenceByCode(trx, 'regions', input.regionCode))) throw new AppError('unknown_region');
        for (const [i, c] of input.categories.entries()) {
          if (!(await findReferenceByCode(trx, 'product-categories', c.categoryCode)))
            throw new AppError('unknown_category', [{ path: `body/categories/${i}/categoryCode`, message: '产品类别不存在' }]);
          if (c.testingBodyId) await activeBody(trx, c.testingBodyId);
        }
        const created = await insertPlan(trx, actor.id, input);
        await recordAudit(trx, actor, 'inspection_plan.create', { type: 'inspection_plan', id: created.id }, null, auditedPlan(created));
        return created;
      });
      return presentPlan(actor, row);
    },

    /**
     * Registers a sampled batch (抽样单). The sampled unit and the labelled producer link to the
     * archive when given by id. Refused by the no-repeat rule unless a tracking or emergency check.
     */
    async registerSample(actor: Actor, input: RegisterSample) {
      if (input.sampledOn > today()) throw new AppError('validation_failed', [{ path: 'body/sampledOn', message: '抽样日期不能晚于今天' }]);
      const checkType = input.checkType ?? 'routine';
      const row = await db.transaction().execute(async (trx) => {
        const plan = await findPlan(trx, input.planId);
        if (!plan) throw new AppError('not_found');
        if (!(JSON.parse(plan.categories) as { categoryCode: string }[]).some((c) => c.categoryCode === input.categoryCode))
          throw new AppError('category_not_in_plan');
        const scope = caseScope(actor);
        const sampled = input.sampledEnterpriseId ? await findEnterprise(trx, input.sampledEnterpriseId, {}) : undefined;
        if (input.sampledEnterpriseId && !sampled)
          throw new AppError('validation_failed', [{ path: 'body/sampledEnterpriseId', message: '档案中没有该企业' }]);
        const producer = input.producerEnterpriseId ? await findEnterprise(trx, input.producerEnterpriseId, {}) : undefined;
        if (input.producerEnterpriseId && !producer)
          throw new AppError('validation_failed', [{ path: 'body/producerEnterpriseId', message: '档案中没有该企业' }]);
        const unitName = sampled?.name ?? input.sampledUnitName;
        if (!unitName)
          throw new AppError('validation_failed', [{ path: 'body/sampledUnitName', message: '请选择档案中的受检单位或填写其名称' }]);
        // Sampled at the producer: the producer is the sampled unit unless another is named.
        const atProducer = input.place === 'production' && !input.producerEnterpriseId && !input.producerName;
        const producerName = producer?.name ?? input.producerName ?? (atProducer ? unitName : undefined);
        if (!producerName) throw new AppError('validation_failed', [{ path: 'body/producerName', message: '请填写标称生产企业' }]);
        const regionCode =
          sampled?.region_code ??
          (plan.level === 'county' ? plan.region_code : (actor.regionCode ?? (await ctx.regions.tree(trx)).home.code));
        if (scope.regions && !scope.regions.includes(regionCode)) throw new AppError('out_of_scope');
        const producerEnterpriseId = producer?.id ?? (atProducer ? (sampled?.id ?? null) : null);
        // The archive product sampled: the one named, else the producer's product of the same name and model.
        const productId = producerEnterpriseId
          ? await archiveProductOf(trx, producerEnterpriseId, input.productName.trim(), input.model?.trim() ?? '', input.productId)
          : null;
        if (input.productId && !productId)
          throw new AppError('validation_failed', [{ path: 'body/productId', message: '该产品不是标称生产企业档案中的产品' }]);
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
        const state = input.refused ? 'refused' : 'sampled';
        const created = await insertCase(trx, actor.id, {
          planId: plan.id,
          year: plan.year,
          level: plan.level,
          productId,
          categoryCode: input.categoryCode,
          checkType,
          regionCode,
          sampledEnterpriseId: sampled?.id ?? null,
          sampledUnitName: unitName,
          producerEnterpriseId: product.producerEnterpriseId,
          producerName,
          producerRegionCode: producer?.region_code ?? input.producerRegionCode ?? (atProducer ? (sampled?.region_code ?? null) : null),
          productName: input.productName.trim(),
          brand: product.brand,
          model: product.model,
          standardNo: product.standardNo,
          batch: input.batch ?? '',
          place: input.place,
          sampledOn: input.sampledOn,
          documentNo: input.documentNo,
          samplers: input.samplers,
          testQuantity: input.testQuantity ?? '',
          reserveQuantity: input.reserveQuantity ?? '',
          state,
        });
        await insertInspectionEvent(trx, {
          inspectionId: created.id,
          action: input.refused ? 'refuse' : 'register',
          on: input.sampledOn,
          stateAfter: state,
          details: { checkType },
          actorId: actor.id,
          at: created.created_at,
        });
        await recordAudit(trx, actor, 'inspection.register', { type: 'inspection', id: created.id }, null, presentInspection(created, []));
        return created;
      });
      return presentInspection(row, allowed(actor, row));
    },

    /** Newest sampling first, in pages: `after` is the previous page's nextCursor. */
    async list(actor: Actor, query: Static<typeof InspectionListQuery>) {
      const limit = query.limit ?? 100;
      const after = query.after === undefined ? undefined : (decodeCursor(query.after, 2) as [string, string]);
      const rows = await listInspections(db, { regions: await listRegions(actor, query.regionCode, ctx.regions) }, query, limit + 1, after);
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
          const unchosen = input.items.flatMap((it, i) =>
            typeof it.passed === 'boolean' ? [] : [{ path: `body/items/${i}/passed`, message: `“${it.item}”未选择合格或不合格` }],
          );
          if (unchosen.length) throw new AppError('item_verdict_required', unchosen);
        }
        const failed =
          input.action === 'record_result' || input.action === 'record_recheck' ? input.items.filter((i) => i.passed === false).length : 0;
        if (input.action === 'record_result') await activeBody(trx, input.testingBodyId);
        if (input.action === 'decide_objection' && input.recheckBodyId) await activeBody(trx, input.recheckBodyId);
        let changes: CaseChanges;
        try {
          changes = nextState(snapshot(before), { ...input, failedItems: failed } as never, today());
        } catch (err) {
          if (err instanceof WorkflowError) throw new AppError(err.code, [{ path: 'body', message: err.message }]);
          throw err;
        }
        const updated = await applyCaseChanges(
          trx,
          id,
          before.version,
          changes,
          input.action === 'record_result' ? input.reportNo : undefined,
        );
        if (!updated) throw new AppError('stale_version');
        if (!before.final_verdict && updated.final_verdict) await countFinalVerdicts(trx, [updated]);
        if (input.action === 'record_result' || input.action === 'record_recheck') {
          await insertCaseItems(trx, id, input.action === 'record_result' ? 'initial' : 'recheck', input.items);
        }
        const { action, on, version: _v, ...details } = input as CaseActionBody & Record<string, unknown>;
        // Order No. 18 art. 44: a producer outside the city is notified through its own local department.
        if (action === 'notify' && before.producer_region_code) {
          const tree = await ctx.regions.tree(trx);
          // A producer outside the city is reported to its own region's bureau (DOMAIN.md §2).
          if (!tree.contains(tree.home.code, before.producer_region_code)) details.crossRegion = true;
        }
        await insertInspectionEvent(trx, { inspectionId: id, action, on, stateAfter: updated.state, details, actorId: actor.id });
        await recordAudit(
          trx,
          actor,
          `inspection.${action}`,
          { type: 'inspection', id },
          presentInspection(before, []),
          presentInspection(updated, []),
        );
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
      const officers = await displayNames(db, officerIds);
      const regions = await referenceNames(db, 'regions');
      const entries = rows.slice(0, BOARD_LIMIT).flatMap((r) =>
        dueItems(snapshot(r), settings).map((d) => ({
          inspectionId: r.id,
          regionCode: r.region_code,
          productName: r.product_name,
          producerName: r.producer_name,
          state: r.state,
          kind: d.kind,
          ...(d.from ? { from: d.from } : {}),
          by: d.by,
          overdue: d.by < now,
          officerId: r.created_by,
          officerName: officers.get(r.created_by ?? '') ?? '',
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
        (e) =>
          (!query.regionCode || e.regionCode === query.regionCode) &&
          (!query.officerId || e.officerId === query.officerId) &&
          (!query.overdue || e.overdue),
      );
      return {
        items: shown.sort((a, b) => (a.by < b.by ? -1 : a.by > b.by ? 1 : 0)),
        summary: {
          byCounty: tally(
            (e) => e.regionCode,
            (k) => regions.get(k) ?? k,
          ),
          byOfficer: tally(
            (e) => e.officerId ?? '',
            (k) => officers.get(k) ?? '',
          ),
        },
        meta: { truncated: rows.length > BOARD_LIMIT },
      };
    },
  };
}
export type InspectionService = ReturnType<typeof inspectionService>;
