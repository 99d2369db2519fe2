import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { CultivationTable } from './honours.table';
import { whereInRegions } from '../../authz/region-scope';

export type CultivationRow = Selectable<CultivationTable> & { enterprise_name: string };

/** Cultivations with their enterprise's name; with `regions` (a county officer's reach, a county asked for), theirs only. */
function scoped(db: Db, regions: readonly string[] | undefined) {
  let q = db
    .selectFrom('cultivations as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .selectAll('c')
    .select('e.name as enterprise_name');
  q = whereInRegions(q, 'c.region_code', regions);
  return q;
}

export function findCultivation(db: Db, id: string, regions: readonly string[] | undefined): Promise<CultivationRow | undefined> {
  return scoped(db, regions).where('c.id', '=', id).executeTakeFirst();
}

/** Cultivations in the region (all when none), of a programme and stage if given: the latest changed first, 1,000 at most. */
export function listCultivations(
  db: Db,
  filter: { regions?: readonly string[]; programmeCode?: string; stage?: string },
): Promise<CultivationRow[]> {
  let q = scoped(db, filter.regions);
  if (filter.programmeCode) q = q.where('c.programme_code', '=', filter.programmeCode);
  if (filter.stage) q = q.where('c.stage', '=', filter.stage);
  return q.orderBy('c.updated_at', 'desc').limit(1000).execute();
}

/** Counts by programme, county and stage (the board); with `regions`, theirs. */
export async function cultivationCounts(db: Db, regions: readonly string[] | undefined) {
  let q = db.selectFrom('cultivations').select(['programme_code', 'region_code', 'stage', sql<number>`count(*)`.as('n')]);
  q = whereInRegions(q, 'region_code', regions);
  const rows = await q
    .groupBy(['programme_code', 'region_code', 'stage'])
    .orderBy('programme_code')
    .orderBy('region_code')
    .orderBy('stage')
    .execute();
  return rows.map((r) => ({ programmeCode: r.programme_code, regionCode: r.region_code, stage: r.stage, count: Number(r.n) }));
}

/** The steps and live documents of some cultivations, in the order they happened. */
export async function cultivationDetails(db: Db, ids: string[]) {
  if (!ids.length) return { events: [], documents: [] };
  const events = await db.selectFrom('cultivation_events').selectAll().where('cultivation_id', 'in', ids).orderBy('at').execute();
  const documents = await db
    .selectFrom('cultivation_documents')
    .select(['id', 'cultivation_id', 'name', 'size', 'uploaded_at'])
    .where('cultivation_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .orderBy('uploaded_at')
    .execute();
  return { events, documents };
}

/** The open cultivation of an enterprise with this key, if any. */
export async function findOpenTwin(db: Db, enterpriseId: string, key: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom('cultivations')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('natural_key', '=', key)
      .executeTakeFirst()
  )?.id;
}

export interface NewCultivation {
  id: string;
  programmeCode: string;
  enterpriseId: string;
  regionCode: string;
  productIds: string[];
  officerId: string | null;
  notes: string;
  naturalKey: string;
}
export async function insertCultivation(db: Db, c: NewCultivation, actorId: string | null, now: string): Promise<void> {
  await db
    .insertInto('cultivations')
    .values({
      id: c.id,
      programme_code: c.programmeCode,
      enterprise_id: c.enterpriseId,
      region_code: c.regionCode,
      product_ids: JSON.stringify(c.productIds),
      stage: 'candidate',
      officer_id: c.officerId,
      notes: c.notes,
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: actorId,
      natural_key: c.naturalKey,
    })
    .execute();
}

/** Moves a cultivation to a stage if it is still at `version`; `closed` frees its key. False when another write came first. */
export async function updateCultivationStage(
  db: Db,
  id: string,
  version: number,
  change: { stage: string; honourId?: string; closed: boolean },
  now: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('cultivations')
    .set({
      stage: change.stage,
      version: version + 1,
      updated_at: now,
      ...(change.honourId ? { honour_id: change.honourId } : {}),
      ...(change.closed ? { natural_key: null } : {}),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function insertCultivationEvent(
  db: Db,
  e: {
    cultivationId: string;
    stage: string;
    on: string;
    note: string;
    override: object | null;
    actorId: string | null;
    at: string;
    id: string;
  },
): Promise<void> {
  await db
    .insertInto('cultivation_events')
    .values({
      id: e.id,
      cultivation_id: e.cultivationId,
      stage_after: e.stage,
      on_date: e.on,
      note: e.note,
      override: e.override ? JSON.stringify(e.override) : null,
      actor_id: e.actorId,
      at: e.at,
    })
    .execute();
}

export function findCultivationDocument(db: Db, cultivationId: string, documentId: string) {
  return db
    .selectFrom('cultivation_documents')
    .selectAll()
    .where('id', '=', documentId)
    .where('cultivation_id', '=', cultivationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function insertCultivationDocument(
  db: Db,
  d: {
    id: string;
    cultivationId: string;
    name: string;
    contentType: string;
    size: number;
    sha256: string;
    uploadedBy: string | null;
    uploadedAt: string;
  },
): Promise<void> {
  await db
    .insertInto('cultivation_documents')
    .values({
      id: d.id,
      cultivation_id: d.cultivationId,
      name: d.name,
      content_type: d.contentType,
      size: d.size,
      sha256: d.sha256,
      uploaded_by: d.uploadedBy,
      uploaded_at: d.uploadedAt,
      deleted_at: null,
      deleted_by: null,
      delete_reason: null,
    })
    .execute();
}

/** Takes a document off the list with a reason (the file stays). */
export async function removeCultivationDocument(db: Db, id: string, by: string | null, reason: string): Promise<void> {
  await db
    .updateTable('cultivation_documents')
    .set({ deleted_at: new Date().toISOString(), deleted_by: by, delete_reason: reason })
    .where('id', '=', id)
    .execute();
}

/** Unqualified final verdicts since a day where the enterprise produced or was sampled (an eligibility block). */
export async function failuresSince(db: Db, enterpriseId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('inspections')
    .select(sql<number>`count(*)`.as('n'))
    .where('final_verdict', '=', 'unqualified')
    .where('sampled_on', '>=', since)
    .where((eb) => eb.or([eb('producer_enterprise_id', '=', enterpriseId), eb('sampled_enterprise_id', '=', enterpriseId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The enterprise's live licences, and those in force on a day. */
export async function licenceCounts(db: Db, enterpriseId: string, on: string): Promise<{ all: number; inForce: number }> {
  const row = await db
    .selectFrom('licences')
    .select([
      sql<number>`count(*)`.as('all'),
      sql<number>`sum(case when status = 'valid' and (expires_on is null or expires_on >= ${on}) then 1 else 0 end)`.as('inForce'),
    ])
    .where('enterprise_id', '=', enterpriseId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { all: Number(row.all), inForce: Number(row.inForce ?? 0) };
}
