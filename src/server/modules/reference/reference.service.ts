import type { ReferenceItem, ReferenceKind } from '../../../contract/schemas/reference';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import type { RegionEntry } from './region-file';
import { auditedReference, presentReference } from './reference.presenter';
import {
  findReferenceByCode,
  findReferenceById,
  insertReference,
  listReference,
  newReferenceRow,
  referenceColumns,
  updateReferenceVersioned,
  type ReferenceRow,
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
  const { db, config, regions } = ctx;
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

  function forget(kind: ReferenceKind) {
    cache.delete(kind);
    if (kind === 'regions') regions.forget();
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
      forget(kind);
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
        await recordAudit(
          trx,
          actor,
          'reference.update',
          { type: kind, id },
          auditedReference(kind, before),
          auditedReference(kind, after),
        );
        return after;
      });
      forget(kind);
      return presentReference(kind, updated);
    },

    /**
     * Loads a bureau's region tree (another city adopting the platform, or townships added below the
     * counties) in one transaction: new regions created, changed ones updated, each with its audit
     * event; with `retireOthers`, regions neither in the file nor above its regions are retired (kept
     * for the records that name them).
     */
    async loadRegions(actor: Actor, entries: RegionEntry[], options: { retireOthers: boolean }) {
      const counts = { created: 0, updated: 0, retired: 0, unchanged: 0 };
      await db.transaction().execute(async (trx) => {
        const existing = new Map((await listReference(trx, 'regions')).map((r) => [r.code, r]));
        const write = async (before: ReferenceRow, fields: Record<string, unknown>) => {
          const after = await updateReferenceVersioned(trx, 'regions', before.id, before.version, referenceColumns('regions', fields));
          if (!after) throw new AppError('stale_version');
          await recordAudit(
            trx,
            actor,
            'reference.update',
            { type: 'regions', id: before.id },
            auditedReference('regions', before),
            auditedReference('regions', after),
          );
        };
        for (const [i, e] of entries.entries()) {
          const fields = { name: e.name, nameEn: e.nameEn, level: e.level, parentCode: e.parentCode, sortOrder: i, active: true };
          const before = existing.get(e.code);
          if (!before) {
            const row = newReferenceRow('regions', actor.id, { code: e.code, ...fields });
            await insertReference(trx, 'regions', row);
            await recordAudit(trx, actor, 'reference.create', { type: 'regions', id: row.id }, null, auditedReference('regions', row));
            counts.created++;
          } else if (Object.entries(fields).every(([k, v]) => (presentReference('regions', before) as Record<string, unknown>)[k] === v)) {
            counts.unchanged++;
          } else {
            await write(before, fields);
            counts.updated++;
          }
        }
        if (!options.retireOthers) return;
        // The file's regions and the regions above them (a city's file names its province only as a parent).
        const kept = new Set(entries.map((e) => e.code));
        for (let code of entries.map((e) => e.parentCode)) {
          for (let depth = 0; code && !kept.has(code) && depth < 16; depth++) {
            kept.add(code);
            code = (existing.get(code)?.parent_code as string | null | undefined) ?? null;
          }
        }
        for (const before of existing.values()) {
          if (kept.has(before.code) || !presentReference('regions', before).active) continue;
          await write(before, { active: false });
          counts.retired++;
        }
      });
      forget('regions');
      return counts;
    },
  };
}
export type ReferenceService = ReturnType<typeof referenceService>;
