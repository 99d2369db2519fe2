import type { Kysely } from 'kysely';
import type { DeleteBody } from '../../../contract/schemas/enterprises';
import type { RecordKind } from '../../../contract/schemas/records';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { newRecordMeta } from '../../db/types';
import { AppError } from '../../errors';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { ownProducts } from '../brands/brands.policy';
import { findReferenceByCode } from '../reference/reference.repository';
import { presentEnterprise } from './enterprises.presenter';
import { enterpriseScope, mayEditInRegion } from './enterprises.policy';
import { findEnterprise, reindexEnterprise } from './enterprises.repository';
import { auditedRecord, presentRecord, recordColumns, recordDefaults } from './records.presenter';
import { findRecord, insertRecord, listRecords, updateRecordVersioned } from './records.repository';
import { checkRecord, RECORD_TABLES, settleRecord, withDefaults } from './records.spec';


/** Where a record goes: its enterprise (for scope) and, for standards, its product. */
export interface RecordPath {
  enterpriseId: string;
  productId?: string;
}

export function recordService(ctx: AppContext) {
  const { db } = ctx;

  /** The parent of a kind's records; 404 outside the actor's scope, 403 for writes they may not make. */
  async function resolve(trx: Kysely<Database>, actor: Actor, kind: RecordKind, path: RecordPath, write: boolean) {
    const enterprise = await findEnterprise(trx, path.enterpriseId, enterpriseScope(actor));
    if (!enterprise) throw new AppError('not_found');
    if (write && !mayEditInRegion(actor, enterprise.region_code)) throw new AppError('forbidden');
    if (RECORD_TABLES[kind].parent === 'product') {
      if (!path.productId || !(await findRecord(trx, 'products', enterprise.id, path.productId))) throw new AppError('not_found');
      return { enterprise, parentId: path.productId };
    }
    return { enterprise, parentId: enterprise.id };
  }

  /** `before`: the record as stored (null for a new one); `named`: the products a write names (a certificate's), each one of the enterprise's live products. */
  async function check(trx: Kysely<Database>, kind: RecordKind, values: Record<string, unknown>, before: Record<string, unknown> | null, enterpriseId: string, named?: unknown) {
    const problems = checkRecord(kind, values, today(), before);
    if (problems.length) throw new AppError(problems.find((p) => p.code)?.code ?? 'validation_failed', problems.map(({ path, message }) => ({ path, message })));
    // A certificate names only its own enterprise's products.
    if (Array.isArray(named)) await ownProducts(trx, enterpriseId, named as string[]);
    if (kind === 'products' && typeof values.categoryCode === 'string' && !(await findReferenceByCode(trx, 'product-categories', values.categoryCode))) {
      throw new AppError('unknown_category', [{ path: 'body/categoryCode', message: '产品类别不存在' }]);
    }
  }

  /** Runs a write; a broken natural key (same year, certificate, standard…) answers 409. */
  async function write<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('duplicate_record');
      throw err;
    }
  }

  return {
    async list(actor: Actor, kind: RecordKind, path: RecordPath) {
      const { parentId } = await resolve(db, actor, kind, path, false);
      const now = today();
      return { items: (await listRecords(db, kind, [parentId])).map((r) => presentRecord(kind, r, now)) };
    },

    async create(actor: Actor, kind: RecordKind, path: RecordPath, input: Record<string, unknown>) {
      const values = settleRecord(kind, withDefaults(kind, { ...recordDefaults(kind), ...input }), null);
      return write(async (trx) => {
        const { enterprise, parentId } = await resolve(trx, actor, kind, path, true);
        await check(trx, kind, values, null, enterprise.id, values.productIds);
        const now = new Date().toISOString();
        const parentColumn = RECORD_TABLES[kind].parent === 'product' ? 'product_id' : 'enterprise_id';
        const row = {
          id: uuidv7(),
          [parentColumn]: parentId,
          ...recordColumns(kind, values),
          ...newRecordMeta(actor.id, now),
        };
        await insertRecord(trx, kind, row);
        if (kind === 'former-names') await reindexEnterprise(trx, enterprise);
        await recordAudit(trx, actor, 'record.create', { type: kind, id: row.id }, null, auditedRecord(kind, row, enterprise.id));
        return presentRecord(kind, row as never, today());
      });
    },

    async update(actor: Actor, kind: RecordKind, path: RecordPath, id: string, input: Record<string, unknown> & { version: number }) {
      const { version, ...fields } = input;
      if (Object.keys(fields).length === 0) throw new AppError('empty_update');
      return write(async (trx) => {
        const { enterprise, parentId } = await resolve(trx, actor, kind, path, true);
        const before = await findRecord(trx, kind, parentId, id);
        if (!before) throw new AppError('not_found');
        const stored = presentRecord(kind, before, today());
        const settled = settleRecord(kind, { ...stored, ...fields }, stored);
        await check(trx, kind, settled, stored, enterprise.id, fields.productIds);
        const changes = Object.fromEntries(Object.keys(settled).filter((f) => f in fields || settled[f] !== stored[f as keyof typeof stored]).map((f) => [f, settled[f]]));
        const after = await updateRecordVersioned(trx, kind, id, version, recordColumns(kind, changes));
        if (!after) throw new AppError('stale_version');
        if (kind === 'former-names') await reindexEnterprise(trx, enterprise);
        await recordAudit(trx, actor, 'record.update', { type: kind, id }, auditedRecord(kind, before, enterprise.id), auditedRecord(kind, after, enterprise.id));
        return presentRecord(kind, after, today());
      });
    },

    /** Soft delete with a reason. Deleting a product leaves its standards with it, unread. */
    async remove(actor: Actor, kind: RecordKind, path: RecordPath, id: string, input: DeleteBody) {
      await write(async (trx) => {
        const { enterprise, parentId } = await resolve(trx, actor, kind, path, true);
        const before = await findRecord(trx, kind, parentId, id);
        if (!before) throw new AppError('not_found');
        const after = await updateRecordVersioned(trx, kind, id, input.version, {
          deleted_at: new Date().toISOString(),
          deleted_by: actor.id,
          delete_reason: input.reason,
        });
        if (!after) throw new AppError('stale_version');
        if (kind === 'former-names') await reindexEnterprise(trx, enterprise);
        await recordAudit(trx, actor, 'record.delete', { type: kind, id }, auditedRecord(kind, before, enterprise.id), {
          ...auditedRecord(kind, after, enterprise.id),
          deleteReason: input.reason,
        });
      });
    },

    /** An enterprise with everything the archive holds on it, for the profile page. */
    async profile(actor: Actor, enterpriseId: string) {
      const enterprise = await findEnterprise(db, enterpriseId, enterpriseScope(actor));
      if (!enterprise) throw new AppError('not_found');
      const now = today();
      const of = async (kind: RecordKind) => (await listRecords(db, kind, [enterprise.id])).map((r) => presentRecord(kind, r, now));
      const products = await listRecords(db, 'products', [enterprise.id]);
      const standards = await listRecords(db, 'standards', products.map((p) => p.id));
      return {
        enterprise: presentEnterprise(actor, enterprise),
        formerNames: await of('former-names'),
        associations: await of('associations'),
        yearlyFigures: await of('yearly-figures'),
        products: products.map((p) => ({
          ...presentRecord('products', p, now),
          standards: standards.filter((s) => s.product_id === p.id).map((s) => presentRecord('standards', s, now)),
        })),
        certifications: await of('certifications'),
        licences: await of('licences'),
        qualityStaff: await of('quality-staff'),
      };
    },
  };
}
export type RecordService = ReturnType<typeof recordService>;
