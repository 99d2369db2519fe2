import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { bool } from '../../db/portable';
import { newRecordMeta } from '../../db/types';
import type { KeyProjectTable } from './registers.table';
import { whereInRegions } from '../../authz/region-scope';

export type KeyProjectRow = Selectable<KeyProjectTable> & { enterprise_name: string };

/** What a change writes on a project: its fields, the city's selection, or its deletion with a reason. */
export interface KeyProjectChanges {
  name?: string;
  investment?: number;
  status?: string;
  notes?: string;
  selected?: boolean;
  selectedOn?: string | null;
  deleted?: { by: string | null; reason: string };
}

/** Live projects with their enterprise's name; with `regions` (a county officer's reach, a county asked for), theirs only. */
function scoped(db: Db, regions: readonly string[] | undefined) {
  let q = db
    .selectFrom('key_projects as k')
    .innerJoin('enterprises as e', 'e.id', 'k.enterprise_id')
    .selectAll('k')
    .select('e.name as enterprise_name')
    .where('k.deleted_at', 'is', null);
  q = whereInRegions(q, 'k.region_code', regions);
  return q;
}

export function findKeyProject(db: Db, id: string, regions: readonly string[] | undefined): Promise<KeyProjectRow | undefined> {
  return scoped(db, regions).where('k.id', '=', id).executeTakeFirst();
}

/** Projects of a region (all when none), filtered: the latest year first, then by county and investment; 5,000 at most. */
export function listKeyProjects(
  db: Db,
  filter: { regions?: readonly string[]; year?: number; selected?: boolean; status?: string },
): Promise<KeyProjectRow[]> {
  let q = scoped(db, filter.regions);
  if (filter.year) q = q.where('k.year', '=', filter.year);
  if (filter.selected !== undefined) q = q.where('k.selected', '=', bool(filter.selected));
  if (filter.status) q = q.where('k.status', '=', filter.status);
  return q.orderBy('k.year', 'desc').orderBy('k.region_code').orderBy('k.investment', 'desc').orderBy('k.id').limit(5000).execute();
}

export async function insertKeyProject(
  db: Db,
  p: {
    id: string;
    enterpriseId: string;
    regionCode: string;
    year: number;
    name: string;
    investment: number;
    status: string;
    notes: string;
  },
  actorId: string | null,
): Promise<void> {
  await db
    .insertInto('key_projects')
    .values({
      id: p.id,
      enterprise_id: p.enterpriseId,
      region_code: p.regionCode,
      year: p.year,
      name: p.name,
      investment: p.investment,
      status: p.status,
      selected: bool(false),
      selected_on: null,
      notes: p.notes,
      ...newRecordMeta(actorId, new Date().toISOString()),
    })
    .execute();
}

/** Applies changes if the live project is still at `version`; false when another write came first. */
export async function updateKeyProject(db: Db, id: string, version: number, c: KeyProjectChanges): Promise<boolean> {
  const now = new Date().toISOString();
  const updated = await db
    .updateTable('key_projects')
    .set({
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.investment !== undefined ? { investment: c.investment } : {}),
      ...(c.status !== undefined ? { status: c.status } : {}),
      ...(c.notes !== undefined ? { notes: c.notes } : {}),
      ...(c.selected !== undefined ? { selected: bool(c.selected), selected_on: c.selectedOn ?? null } : {}),
      ...(c.deleted ? { deleted_at: now, deleted_by: c.deleted.by, delete_reason: c.deleted.reason } : {}),
      version: version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
