import type { ReferenceItem, ReferenceKind } from '../../../contract/schemas/reference';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { auditedReference, presentReference } from './reference.presenter';
import {
  findReferenceByCode,
  findReferenceById,
  insertReference,
  listReference,
  newReferenceRow,
  referenceColumns,
  updateReferenceVersioned,
} from './reference.repository';

/** Links a row of one kind makes to another kind, checked before writing. */
async function checkLinks(db: Db, kind: ReferenceKind, input: Record<string, unknown>, selfCode?: string) {
  if (kind === 'regions' && typeof input.parentCode === 'string') {
    if (input.parentCode === selfCode || !(await findReferenceByCode(db, 'regions', input.parentCode))) {
      throw new AppError('unknown_parent', [{ path: 'body/parentCode', message: '上级区划不存在' }]);
    }
  }
  if (kind === 'product-categories' && typeof input.industryCode === 'string') {
    if (!(await findReferenceByCode(db, 'industries', input.industryCode))) {
      throw new AppError('unknown_industry', [{ path: 'body/industryCode', message: '行业代码不存在' }]);
    }
  }
}

export function referenceService(ctx: AppContext) {
  const { db, config } = ctx;
  // Reference lists are read on nearly every page, look the same to every actor, and change a
  // few times a year: kept with their serialised answer, so a read costs no query and no JSON work.
  const cache = new Map<ReferenceKind, { items: ReferenceItem[]; json: string; loadedAt: number }>();

  async function cached(kind: ReferenceKind) {
    const hit = cache.get(kind);
    if (hit && Date.now() - hit.loadedAt < config.cacheSeconds * 1000) return hit;
    const items = (await listReference(db, kind)).map((row) => presentReference(kind, row));
    const entry = { items, json: JSON.stringify({ items }), loadedAt: Date.now() };
    cache.set(kind, entry);
    return entry;
  }

  return {
    /** Every row of a kind (active and retired), in display order. */
    async list(kind: ReferenceKind): Promise<ReferenceItem[]> {
      return (await cached(kind)).items;
    },

    /** The same list as the API answers it, `{"items":[…]}`, already serialised. */
    async listJson(kind: ReferenceKind): Promise<string> {
      return (await cached(kind)).json;
    },

    async create(actor: Actor, kind: ReferenceKind, input: Record<string, unknown>): Promise<ReferenceItem> {
      const row = newReferenceRow(kind, actor.id, input);
      try {
        await db.transaction().execute(async (trx) => {
          await checkLinks(trx, kind, input);
          await insertReference(trx, kind, row);
          await recordAudit(trx, actor, 'reference.create', { type: kind, id: row.id }, null, auditedReference(kind, row));
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('code_taken', [{ path: 'body/code', message: '代码已存在' }]);
        throw err;
      }
      cache.delete(kind);
      return presentReference(kind, row);
    },

    /** Edits a row at the version the editor read; the code itself is fixed once created. */
    async update(actor: Actor, kind: ReferenceKind, id: string, input: Record<string, unknown> & { version: number }) {
      const { version, ...fields } = input;
      if (Object.keys(referenceColumns(kind, fields)).length === 0) throw new AppError('empty_update');
      const updated = await db.transaction().execute(async (trx) => {
        const before = await findReferenceById(trx, kind, id);
        if (!before) throw new AppError('not_found');
        await checkLinks(trx, kind, fields, before.code);
        const after = await updateReferenceVersioned(trx, kind, id, version, referenceColumns(kind, fields));
        if (!after) throw new AppError('stale_version');
        await recordAudit(trx, actor, 'reference.update', { type: kind, id }, auditedReference(kind, before), auditedReference(kind, after));
        return after;
      });
      cache.delete(kind);
      return presentReference(kind, updated);
    },
  };
}
export type ReferenceService = ReturnType<typeof referenceService>;
