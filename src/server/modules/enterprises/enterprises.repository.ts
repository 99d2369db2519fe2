import { type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../db/database';
import { countAndPage } from '../../db/paging';
import { bool, enterpriseSearchFilter, writeEnterpriseSearch } from '../../db/portable';
import { searchDocument } from '../../lib/search-text';
import type { EnterpriseTable } from './enterprises.table';

export type EnterpriseRow = Selectable<EnterpriseTable>;

/** Which enterprises an actor may see: all, one county's, or one. */
export interface EnterpriseScope {
  regionCode?: string;
  enterpriseId?: string;
}

export async function findEnterprise(db: Kysely<Database>, id: string, scope: EnterpriseScope): Promise<EnterpriseRow | undefined> {
  let q = db.selectFrom('enterprises').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  if (scope.regionCode) q = q.where('region_code', '=', scope.regionCode);
  if (scope.enterpriseId) q = q.where('id', '=', scope.enterpriseId);
  return q.executeTakeFirst();
}

/** By USCC, deleted or not (the code stays taken by a deleted record). */
export async function findEnterpriseByUscc(db: Kysely<Database>, uscc: string): Promise<EnterpriseRow | undefined> {
  return db.selectFrom('enterprises').selectAll().where('uscc', '=', uscc).executeTakeFirst();
}

async function formerNames(db: Kysely<Database>, id: string): Promise<string[]> {
  const rows = await db.selectFrom('enterprise_former_names').select('name').where('enterprise_id', '=', id).where('deleted_at', 'is', null).execute();
  return rows.map((r) => r.name);
}

/** Rebuilds the search document of one enterprise: name, former names, USCC. */
export async function reindexEnterprise(db: Kysely<Database>, row: Pick<EnterpriseRow, 'id' | 'name' | 'uscc'>): Promise<void> {
  await writeEnterpriseSearch(db, row.id, searchDocument([row.name, ...(await formerNames(db, row.id)), row.uscc]));
}

export async function insertEnterprise(db: Kysely<Database>, row: Insertable<EnterpriseTable>): Promise<void> {
  await db.insertInto('enterprises').values(row).execute();
  await writeEnterpriseSearch(db, row.id, searchDocument([row.name, row.uscc]));
}

/** Applies an edit at the version read; bumps it. Undefined when stale (or gone). */
export async function updateEnterpriseVersioned(
  db: Kysely<Database>,
  id: string,
  version: number,
  changes: Updateable<EnterpriseTable>,
): Promise<EnterpriseRow | undefined> {
  const row = await db
    .updateTable('enterprises')
    .set({ ...changes, version: version + 1, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (row && changes.name !== undefined) await reindexEnterprise(db, row);
  return row;
}

export interface EnterpriseFilter {
  search?: { norm: string; grams: string[] };
  regionCode?: string;
  industryCode?: string;
  status?: string;
  flags: Partial<Record<'above_scale' | 'key_enterprise' | 'flagship' | 'foreign_invested' | 'service_enterprise', boolean>>;
  agriLeaderLevel?: string;
  /** Holds a certification of this kind, valid on `today`. */
  certificationKind?: string;
  /** Holds a valid licence that expires between `today` and this date. */
  licenceExpiringBy?: string;
  today: string;
}

export type SortColumn = 'name' | 'uscc' | 'updated_at';
export interface EnterpriseSort {
  column: SortColumn;
  desc: boolean;
}
/** Keyset cursor: the sort value and id of the last row of the previous page. */
export type Cursor = [value: string, id: string];

export async function listEnterprises(
  db: Kysely<Database>,
  scope: EnterpriseScope,
  filter: EnterpriseFilter,
  sort: EnterpriseSort,
  page: { after?: Cursor; limit: number },
) {
  let q = db.selectFrom('enterprises').where('enterprises.deleted_at', 'is', null);
  if (scope.regionCode) q = q.where('enterprises.region_code', '=', scope.regionCode);
  if (scope.enterpriseId) q = q.where('enterprises.id', '=', scope.enterpriseId);
  if (filter.regionCode) q = q.where('enterprises.region_code', '=', filter.regionCode);
  if (filter.industryCode) q = q.where('enterprises.industry_code', '=', filter.industryCode);
  if (filter.status) q = q.where('enterprises.status', '=', filter.status);
  if (filter.agriLeaderLevel) q = q.where('enterprises.agri_leader_level', '=', filter.agriLeaderLevel);
  for (const [column, value] of Object.entries(filter.flags)) {
    if (value !== undefined) q = q.where(`enterprises.${column as 'flagship'}`, '=', bool(value));
  }
  if (filter.search) {
    const { norm, grams } = filter.search;
    q = q.where(() => enterpriseSearchFilter(db, norm, grams));
  }
  if (filter.certificationKind) {
    const kind = filter.certificationKind;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('certifications as c')
          .select('c.id')
          .whereRef('c.enterprise_id', '=', 'enterprises.id')
          .where('c.kind', '=', kind)
          .where('c.status', '=', 'valid')
          .where('c.deleted_at', 'is', null)
          .where((eb) => eb.or([eb('c.expires_on', 'is', null), eb('c.expires_on', '>=', filter.today)])),
      ),
    );
  }
  if (filter.licenceExpiringBy) {
    const by = filter.licenceExpiringBy;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('licences as l')
          .select('l.id')
          .whereRef('l.enterprise_id', '=', 'enterprises.id')
          .where('l.status', '=', 'valid')
          .where('l.deleted_at', 'is', null)
          .where('l.expires_on', '>=', filter.today)
          .where('l.expires_on', '<=', by),
      ),
    );
  }
  const col = `enterprises.${sort.column}` as const;
  const dir = sort.desc ? 'desc' : 'asc';
  return countAndPage(
    q,
    (filtered) => {
      let ordered = filtered.selectAll('enterprises').orderBy(col, dir).orderBy('enterprises.id', dir);
      if (page.after) {
        const [value, id] = page.after;
        const op = sort.desc ? '<' : '>';
        ordered = ordered.where((eb) => eb.or([eb(col, op, value), eb.and([eb(col, '=', value), eb('enterprises.id', op, id)])]));
      }
      return ordered;
    },
    page.limit,
  );
}
