import type { CreateEnterpriseBody, DeleteBody, EnterpriseListQuery, UpdateEnterpriseBody } from '../../../contract/schemas/enterprises';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { addDays, addMonths, today } from '../../lib/dates';
import { gramsOf, normalizeForSearch } from '../../lib/search-text';
import { checkUscc } from '../../lib/uscc';
import { presentAuditEvent } from '../audit/audit.presenter';
import { listAuditEventsForSubjects, subjectNames } from '../audit/audit.repository';
import { recordAudit } from '../audit/audit.service';
import { findReferenceByCode } from '../reference/reference.repository';
import { auditedEnterprise, presentEnterprise } from './enterprises.presenter';
import { enterpriseScope, mayEditInRegion } from './enterprises.policy';
import {
  findEnterprise,
  findEnterpriseByUscc,
  insertEnterprise,
  listEnterprises,
  newEnterpriseRow,
  searchEnterprises,
  softDeleteEnterprise,
  updateEnterpriseFields,
  type Cursor,
  type EnterpriseRow,
  type SortColumn,
} from './enterprises.repository';
import { recordIdsOfEnterprise } from './records.repository';
import { workbenchCounts } from './workbench.repository';

const HISTORY_LIMIT = 500;

const SORT_COLUMNS: Record<string, SortColumn> = { name: 'name', uscc: 'uscc', updatedAt: 'updated_at' };

/** USCC shape and check characters; a failing check passes only with a recorded reason. */
export function validateUscc(code: string, overrideReason: string | undefined) {
  const check = checkUscc(code);
  if (!check.shapeOk) throw new AppError('uscc_shape', [{ path: 'body/uscc', message: '格式不正确', value: code }]);
  if ((!check.orgCheckOk || !check.usccCheckOk) && !overrideReason) {
    throw new AppError('uscc_checksum', [
      { path: 'body/uscc', message: !check.orgCheckOk ? '组织机构代码（第 9–17 位）校验位错误' : '第 18 位校验码错误', value: check.code },
    ]);
  }
  return check;
}

async function checkPlacement(db: Db, actor: Actor, regionCode: string | undefined, industryCode: string | undefined) {
  if (regionCode !== undefined) {
    const region = await findReferenceByCode(db, 'regions', regionCode);
    if (!region || region.level === 'province')
      throw new AppError('unknown_region', [{ path: 'body/regionCode', message: '行政区划代码不存在' }]);
    if (!mayEditInRegion(actor, regionCode)) throw new AppError('out_of_scope');
  }
  if (industryCode !== undefined && !(await findReferenceByCode(db, 'industries', industryCode))) {
    throw new AppError('unknown_industry', [{ path: 'body/industryCode', message: '行业代码不存在' }]);
  }
}

function checkFoundedOn(foundedOn: string | null | undefined) {
  if (foundedOn && foundedOn > today())
    throw new AppError('validation_failed', [{ path: 'body/foundedOn', message: '成立日期不能晚于今天' }]);
}
/** A deregistration date goes with the status 注销, is not ahead of today, and not before the founding (on the record as it would be after the write). */
function checkDeregistration(r: { status: string; deregisteredOn: string | null; foundedOn: string | null }) {
  if (r.deregisteredOn === null) return;
  const problem =
    r.status !== 'deregistered'
      ? '只有经营状态为“注销”的企业才填写注销日期'
      : r.deregisteredOn > today()
        ? '注销日期不能晚于今天'
        : r.foundedOn && r.deregisteredOn < r.foundedOn
          ? '注销日期不能早于成立日期'
          : null;
  if (problem) throw new AppError('validation_failed', [{ path: 'body/deregisteredOn', message: problem }]);
}

/**
 * An enterprise the actor may record work for (honours, listings, projects): 404 outside their
 * scope, 403 when they may not edit it. The repository loads, the policy decides.
 */
export async function editableEnterprise(db: Db, actor: Actor, id: string): Promise<EnterpriseRow> {
  const enterprise = await findEnterprise(db, id, enterpriseScope(actor));
  if (!enterprise) throw new AppError('not_found');
  if (!mayEditInRegion(actor, enterprise.region_code)) throw new AppError('out_of_scope');
  return enterprise;
}

export function enterpriseService(ctx: AppContext) {
  const { db } = ctx;

  async function load(actor: Actor, id: string, trx: Db = db): Promise<EnterpriseRow> {
    const row = await findEnterprise(trx, id, enterpriseScope(actor));
    if (!row) throw new AppError('not_found');
    return row;
  }

  return {
    load,

    /** The workbench figures for the actor's scope: certifications due in 90 days, licences in 6 months. */
    async workbench(actor: Actor) {
      const now = today();
      return workbenchCounts(db, enterpriseScope(actor), { today: now, certificatesBy: addDays(now, 90), licencesBy: addMonths(now, 6) });
    },

    /** What was done to an enterprise and every record under it, newest first (the profile's history tab). */
    async history(actor: Actor, id: string) {
      await load(actor, id, db);
      const rows = await listAuditEventsForSubjects(db, [id, ...(await recordIdsOfEnterprise(db, id))], HISTORY_LIMIT);
      // Where an officer worked from is for administrators only.
      const names = await subjectNames(
        db,
        rows.map((r) => ({ type: r.subject_type, id: r.subject_id })),
      );
      return { items: rows.map((r) => ({ ...presentAuditEvent(r, names), ip: actor.role === 'admin' ? r.ip : null })) };
    },

    /** What a USCC says about itself, and whether the archive already has it (for forms). */
    async checkCode(actor: Actor, code: string) {
      const check = checkUscc(code);
      const region = check.regionCode ? await findReferenceByCode(db, 'regions', check.regionCode) : undefined;
      const existing = check.shapeOk ? await findEnterpriseByUscc(db, check.code, {}, true) : undefined;
      const visible = existing && !existing.deleted_at ? await findEnterprise(db, existing.id, enterpriseScope(actor)) : undefined;
      return {
        ...check,
        suggestedRegionCode: region && region.level !== 'province' ? region.code : null,
        existingEnterpriseId: visible?.id ?? null,
      };
    },

    async create(actor: Actor, input: CreateEnterpriseBody) {
      const check = validateUscc(input.uscc, input.usccOverrideReason);
      checkFoundedOn(input.foundedOn);
      const row = newEnterpriseRow(actor.id, {
        ...input,
        uscc: check.code,
        usccOverrideReason: check.orgCheckOk && check.usccCheckOk ? null : input.usccOverrideReason!,
        name: input.name.trim(),
      });
      checkDeregistration({ status: row.status, deregisteredOn: row.deregistered_on, foundedOn: row.founded_on });
      try {
        await db.transaction().execute(async (trx) => {
          await checkPlacement(trx, actor, row.region_code, row.industry_code);
          await insertEnterprise(trx, row);
          await recordAudit(trx, actor, 'enterprise.create', { type: 'enterprise', id: row.id }, null, auditedEnterprise(actor, row));
        });
      } catch (err) {
        if (isUniqueViolation(err)) {
          const existing = await findEnterpriseByUscc(db, check.code, {}, true);
          throw new AppError('uscc_taken', [
            { path: 'body/uscc', message: existing?.deleted_at ? '该代码的企业已被删除' : '该代码的企业已存在', value: check.code },
          ]);
        }
        throw err;
      }
      return presentEnterprise(actor, row);
    },

    async get(actor: Actor, id: string) {
      return presentEnterprise(actor, await load(actor, id));
    },

    /** By USCC (any case, spaces around); 404 when unknown, deleted or outside the actor's scope. */
    async getByUscc(actor: Actor, code: string) {
      const row = await findEnterpriseByUscc(db, code.trim().toUpperCase(), enterpriseScope(actor));
      if (!row) throw new AppError('not_found');
      return presentEnterprise(actor, row);
    },

    async update(actor: Actor, id: string, input: UpdateEnterpriseBody) {
      const { version, ...fields } = input;
      if (Object.keys(fields).length === 0) throw new AppError('empty_update');
      checkFoundedOn(fields.foundedOn);
      const after = await db.transaction().execute(async (trx) => {
        const before = await load(actor, id, trx);
        if (!mayEditInRegion(actor, before.region_code)) throw new AppError('forbidden');
        await checkPlacement(trx, actor, fields.regionCode, fields.industryCode);
        checkDeregistration({
          status: fields.status ?? before.status,
          deregisteredOn: fields.deregisteredOn !== undefined ? fields.deregisteredOn : before.deregistered_on,
          foundedOn: fields.foundedOn !== undefined ? fields.foundedOn : before.founded_on,
        });
        const updated = await updateEnterpriseFields(trx, id, version, { ...fields, ...(fields.name ? { name: fields.name.trim() } : {}) });
        if (!updated) throw new AppError('stale_version');
        await recordAudit(
          trx,
          actor,
          'enterprise.update',
          { type: 'enterprise', id },
          auditedEnterprise(actor, before),
          auditedEnterprise(actor, updated),
        );
        return updated;
      });
      return presentEnterprise(actor, after);
    },

    /** Soft delete with a reason: the record leaves every list; the audit log keeps it. */
    async remove(actor: Actor, id: string, input: DeleteBody) {
      await db.transaction().execute(async (trx) => {
        const before = await load(actor, id, trx);
        if (!mayEditInRegion(actor, before.region_code)) throw new AppError('forbidden');
        const updated = await softDeleteEnterprise(trx, id, input.version, actor.id, input.reason);
        if (!updated) throw new AppError('stale_version');
        await recordAudit(
          trx,
          actor,
          'enterprise.delete',
          { type: 'enterprise', id },
          auditedEnterprise(actor, before),
          auditedEnterprise(actor, updated),
        );
      });
    },

    /**
     * The archive list. Without `q`: sorted by a column, exact total. With `q`: matches in
     * index order, total counted up to 10,000 (meta.totalCapped), so common terms stay fast.
     */
    async list(actor: Actor, query: EnterpriseListQuery) {
      const limit = query.limit ?? 50;
      const now = today();
      const filter = {
        regions: query.regionCode ? (await ctx.regions.tree()).subtree(query.regionCode) : undefined,
        industryCode: query.industryCode,
        status: query.status,
        agriLeaderLevel: query.agriLeaderLevel,
        flags: {
          above_scale: query.aboveScale,
          key_enterprise: query.keyEnterprise,
          flagship: query.flagship,
          foreign_invested: query.foreignInvested,
          service_enterprise: query.serviceEnterprise,
        },
        certificationKind: query.hasCertification,
        licenceExpiringBy: query.licenceExpiringWithinDays !== undefined ? addDays(now, query.licenceExpiringWithinDays) : undefined,
        certificationExpiringBy:
          query.certificationExpiringWithinDays !== undefined ? addDays(now, query.certificationExpiringWithinDays) : undefined,
        today: now,
      };
      const scope = enterpriseScope(actor);
      // [sortValue, id] when browsing, [searchKey] when searching.
      const cursor = query.after === undefined ? undefined : decodeCursor(query.after, 1, 2);

      if (query.q !== undefined && query.q.trim() !== '') {
        const norm = normalizeForSearch(query.q);
        if ([...norm].length < 2) throw new AppError('search_too_short', [{ path: 'querystring/q', message: '搜索词至少 2 个字' }]);
        if (cursor && cursor.length !== 1) throw new AppError('bad_cursor');
        const found = await searchEnterprises(
          db,
          scope,
          { ...filter, search: { norm, grams: gramsOf(norm) } },
          { afterKey: cursor?.[0], limit, offset: query.offset },
        );
        if (!found) throw new AppError('bad_cursor');
        const last = found.rows.at(-1);
        return {
          items: found.rows.map((r) => presentEnterprise(actor, r)),
          meta: {
            total: found.total,
            totalCapped: found.totalCapped,
            nextCursor: found.hasMore && last ? encodeCursor([String(last.search_key)]) : null,
          },
        };
      }

      if (cursor && cursor.length !== 2) throw new AppError('bad_cursor');
      const sortKey = query.sort ?? 'name';
      const sort = { column: SORT_COLUMNS[sortKey.replace('-', '')]!, desc: sortKey.startsWith('-') };
      const { rows, total, hasMore } = await listEnterprises(db, scope, filter, sort, {
        after: cursor as Cursor | undefined,
        limit,
        offset: query.offset,
      });
      const last = rows.at(-1);
      return {
        items: rows.map((r) => presentEnterprise(actor, r)),
        meta: { total, nextCursor: hasMore && last ? encodeCursor([String(last[sort.column]), last.id]) : null },
      };
    },
  };
}
export type EnterpriseService = ReturnType<typeof enterpriseService>;
