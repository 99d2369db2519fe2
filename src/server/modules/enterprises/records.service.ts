import type { DeleteBody } from '../../../contract/schemas/enterprises';
import type { RecordKind } from '../../../contract/schemas/records';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { newRecordMeta } from '../../db/types';
import { AppError } from '../../errors';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { ownProducts } from '../brands/brands.repository';
import { findReferenceByCode } from '../reference/reference.repository';
import { presentEnterprise } from './enterprises.presenter';
import { enterpriseScope, mayEditInRegion } from './enterprises.policy';
import { findEnterprise, reindexEnterprise } from './enterprises.repository';
import { auditedRecord, presentRecord, recordColumns, recordDefaults } from './records.presenter';
import { findRecord, insertRecord, listRecords, softDeleteRecord, updateRecordVersioned } from './records.repository';
import { checkRecord, NATURAL_KEYS, RECORD_TABLES, recordKey, settleRecord, storedKeyColumn, withDefaults } from './records.kinds';

/** Where a record goes: its enterprise (for scope) and, for standards, its product. */
export interface RecordPath {
  enterpriseId: string;
  productId?: string;
}

export function recordService(ctx: AppContext) {
  const { db } = ctx;

  /** The parent of a kind's records; 404 outside the actor's scope, 403 for writes they may not make. */
  async function resolve(trx: Db, actor: Actor, kind: RecordKind, path: RecordPath, write: boolean) {
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
  async function check(
    trx: Db,
    kind: RecordKind,
    values: Record<string, unknown>,
    before: Record<string, unknown> | null,
    enterpriseId: string,
    named?: unknown,
  ) {
    const problems = checkRecord(kind, values, today(), before);
    if (problems.length)
      throw new AppError(
        problems.find((p) => p.code)?.code ?? 'validation_failed',
        problems.map(({ path, message }) => ({ path, message })),
      );
    // A certificate names only its own enterprise's products.
    if (Array.isArray(named)) await ownProducts(trx, enterpriseId, named as string[]);
    if (
      kind === 'products' &&
      typeof values.categoryCode === 'string' &&
      !(await findReferenceByCode(trx, 'product-categories', values.categoryCode))
    ) {
      throw new AppError('unknown_category', [{ path: 'body/categoryCode', message: '产品类别不存在' }]);
    }
  }

  /**
   * A second live record under the same parent with the record's natural key (normalised: "ABC-1"
   * and " abc-1" are one model) answers 409 with the kind's code. Certificates and licences are
   * keyed across the archive by their unique index.
   */
  async function checkUnique(trx: Db, kind: RecordKind, parentId: string, values: Record<string, unknown>, self: string | null) {
    const spec = NATURAL_KEYS[kind];
    if (spec.global) return;
    const key = recordKey(kind, values);
    const now = today();
    const twin = (await listRecords(trx, kind, [parentId])).find(
      (r) => r.id !== self && recordKey(kind, presentRecord(kind, r, now)) === key,
    );
    if (twin)
      throw new AppError(
        spec.code ?? 'duplicate_record',
        spec.fields.map((f) => ({ path: `body/${f}`, message: `与已有记录相同（${String(values[f] ?? '')}）` })),
      );
  }

  /** Runs a write; a broken natural key (same year, certificate, standard…) that slipped past checkUnique in a race answers 409 too. */
  async function write<T>(kind: RecordKind, fn: (trx: Db) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(NATURAL_KEYS[kind].code ?? 'duplicate_record');
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
      return write(kind, async (trx) => {
        const { enterprise, parentId } = await resolve(trx, actor, kind, path, true);
        await check(trx, kind, values, null, enterprise.id, values.productIds);
        await checkUnique(trx, kind, parentId, values, null);
        const now = new Date().toISOString();
        const parentColumn = RECORD_TABLES[kind].parent === 'product' ? 'product_id' : 'enterprise_id';
        const row = {
          id: uuidv7(),
          [parentColumn]: parentId,
          ...recordColumns(kind, values),
          ...storedKeyColumn(kind, values),
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
      return write(kind, async (trx) => {
        const { enterprise, parentId } = await resolve(trx, actor, kind, path, true);
        const before = await findRecord(trx, kind, parentId, id);
        if (!before) throw new AppError('not_found');
        const stored = presentRecord(kind, before, today());
        const settled = settleRecord(kind, { ...stored, ...fields }, stored);
        await check(trx, kind, settled, stored, enterprise.id, fields.productIds);
        await checkUnique(trx, kind, parentId, settled, id);
        const changes = Object.fromEntries(
          Object.keys(settled)
            .filter((f) => f in fields || settled[f] !== stored[f as keyof typeof stored])
            .map((f) => [f, settled[f]]),
        );
        const after = await updateRecordVersioned(trx, kind, id, version, {
          ...recordColumns(kind, changes),
          ...storedKeyColumn(kind, settled),
        });
        if (!after) throw new AppError('stale_version');
        if (kind === 'former-names') await reindexEnterprise(trx, enterprise);
        await recordAudit(
          trx,
          actor,
          'record.update',
          { type: kind, id },
          auditedRecord(kind, before, enterprise.id),
          auditedRecord(kind, after, enterprise.id),
        );
        return presentRecord(kind, after, today());
      });
    },

    /** Soft delete with a reason. Deleting a product leaves its standards with it, unread. */
    async remove(actor: Actor, kind: RecordKind, path: RecordPath, id: string, input: DeleteBody) {
      await write(kind, async (trx) => {
        const { enterprise, parentId } = await resolve(trx, actor, kind, path, true);
        const before = await findRecord(trx, kind, parentId, id);
        if (!before) throw new AppError('not_found');
        const after = await softDeleteRecord(trx, kind, id, input.version, actor.id, input.reason);
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
      const standards = await listRecords(
        db,
        'standards',
        products.map((p) => p.id),
      );
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
