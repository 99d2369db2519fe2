import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Selectable,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type { Database } from '../../db/database';
import { countAndPage, countCapped } from '../../db/paging';
import { bool } from '../../db/portable';
import { newRecordMeta } from '../../db/types';
import { uuidv7 } from '../../lib/ids';
import {
  enterpriseSearchSource,
  orderByEnterpriseName,
  removeEnterpriseSearch,
  searchKeyValue,
  writeEnterpriseSearch,
} from './search.repository';
import { searchDocument } from '../../lib/search-text';
import type { EnterpriseTable } from './enterprises.table';
import { regionIn } from '../../authz/region-scope';

export type EnterpriseRow = Selectable<EnterpriseTable>;

/** Which enterprises an actor may see: all, those of some regions (a county and below), or one. */
export interface EnterpriseScope {
  regions?: readonly string[];
  enterpriseId?: string;
}

/** The scope as conditions on `enterprises` (none for the city-wide roles). */
function inScope(eb: ExpressionBuilder<Database, 'enterprises'>, scope: EnterpriseScope): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (scope.regions) out.push(regionIn('enterprises.region_code', scope.regions));
  if (scope.enterpriseId) out.push(eb('enterprises.id', '=', scope.enterpriseId));
  return out;
}

export async function findEnterprise(db: Kysely<Database>, id: string, scope: EnterpriseScope): Promise<EnterpriseRow | undefined> {
  return db
    .selectFrom('enterprises')
    .selectAll()
    .where((eb) => eb.and([eb('id', '=', id), eb('deleted_at', 'is', null), ...inScope(eb, scope)]))
    .executeTakeFirst();
}

/** By USCC within a scope; `includeDeleted` for checks that the code is taken (a deleted record keeps it). */
export async function findEnterpriseByUscc(
  db: Kysely<Database>,
  uscc: string,
  scope: EnterpriseScope,
  includeDeleted = false,
): Promise<EnterpriseRow | undefined> {
  return db
    .selectFrom('enterprises')
    .selectAll()
    .where((eb) => eb.and([eb('uscc', '=', uscc), ...(includeDeleted ? [] : [eb('deleted_at', 'is', null)]), ...inScope(eb, scope)]))
    .executeTakeFirst();
}

async function formerNames(db: Kysely<Database>, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('enterprise_former_names')
    .select('name')
    .where('enterprise_id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.name);
}

/** Rebuilds the search document of one enterprise: name, former names, USCC. */
export async function reindexEnterprise(db: Kysely<Database>, row: Pick<EnterpriseRow, 'id' | 'name' | 'uscc'>): Promise<void> {
  await writeEnterpriseSearch(db, row.id, row.name, searchDocument([row.name, ...(await formerNames(db, row.id)), row.uscc]));
}

/** Writes a new enterprise (see newEnterpriseRow) and its search document. */
export async function insertEnterprise(db: Kysely<Database>, row: EnterpriseRow): Promise<void> {
  await db
    .insertInto('enterprises')
    .values(row as Insertable<EnterpriseTable>)
    .execute();
  await writeEnterpriseSearch(db, row.id, row.name, searchDocument([row.name, row.uscc]));
}

/** API field ↔ column for the fields an officer edits. */
export const ENTERPRISE_FIELDS = {
  name: 'name',
  regionCode: 'region_code',
  industryCode: 'industry_code',
  address: 'address',
  legalRepresentative: 'legal_representative',
  contactPerson: 'contact_person',
  contactPhone: 'contact_phone',
  foundedOn: 'founded_on',
  status: 'status',
  deregisteredOn: 'deregistered_on',
  aboveScale: 'above_scale',
  keyEnterprise: 'key_enterprise',
  foreignInvested: 'foreign_invested',
  serviceEnterprise: 'service_enterprise',
  agriLeaderLevel: 'agri_leader_level',
} as const satisfies Record<string, keyof EnterpriseTable>;
export type EnterpriseField = keyof typeof ENTERPRISE_FIELDS;
/** The fields stored as driver booleans. */
export const BOOLEAN_FIELDS: ReadonlySet<string> = new Set<EnterpriseField>([
  'aboveScale',
  'keyEnterprise',
  'foreignInvested',
  'serviceEnterprise',
]);

/** The fields an input sets, as column values. */
export function enterpriseColumns(input: Partial<Record<EnterpriseField, unknown>>): Updateable<EnterpriseTable> {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(ENTERPRISE_FIELDS) as [EnterpriseField, keyof EnterpriseTable][]) {
    const value = input[field];
    if (value === undefined) continue;
    out[column] = BOOLEAN_FIELDS.has(field) ? bool(value as boolean) : value;
  }
  return out as Updateable<EnterpriseTable>;
}

/**
 * A new enterprise's row: the fields given, the rest at their defaults (operating, no flags).
 * Not yet written: see insertEnterprise.
 */
export function newEnterpriseRow(
  actorId: string | null,
  input: Partial<Record<EnterpriseField, unknown>> & {
    uscc: string;
    usccOverrideReason: string | null;
    name: string;
    regionCode: string;
    industryCode: string;
  },
): EnterpriseRow {
  const now = new Date().toISOString();
  return {
    id: uuidv7(),
    uscc: input.uscc,
    uscc_override_reason: input.usccOverrideReason,
    name: input.name,
    region_code: input.regionCode,
    industry_code: input.industryCode,
    address: '',
    legal_representative: '',
    contact_person: '',
    contact_phone: '',
    founded_on: null,
    status: 'operating',
    deregistered_on: null,
    above_scale: 0,
    key_enterprise: 0,
    flagship: 0,
    foreign_invested: 0,
    service_enterprise: 0,
    agri_leader_level: 'none',
    ...(enterpriseColumns(input) as Partial<EnterpriseRow>),
    ...newRecordMeta(actorId, now),
  } as EnterpriseRow;
}

/** Applies an officer's edit (API fields) at the version read; bumps it. Undefined when stale (or gone). */
export async function updateEnterpriseFields(
  db: Kysely<Database>,
  id: string,
  version: number,
  fields: Partial<Record<EnterpriseField, unknown>>,
) {
  return updateEnterpriseVersioned(db, id, version, enterpriseColumns(fields));
}

/** Soft delete with a reason at the version read: the record leaves every list and search. Undefined when stale (or gone). */
export async function softDeleteEnterprise(db: Kysely<Database>, id: string, version: number, actorId: string | null, reason: string) {
  return updateEnterpriseVersioned(db, id, version, { deleted_at: new Date().toISOString(), deleted_by: actorId, delete_reason: reason });
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
  if (row && changes.deleted_at) await removeEnterpriseSearch(db, row.id);
  else if (row && changes.name !== undefined) await reindexEnterprise(db, row);
  return row;
}

export interface EnterpriseFilter {
  /** A county asked for and the regions below it. */
  regions?: readonly string[];
  industryCode?: string;
  status?: string;
  flags: Partial<Record<'above_scale' | 'key_enterprise' | 'flagship' | 'foreign_invested' | 'service_enterprise', boolean>>;
  agriLeaderLevel?: string;
  /** Holds a certification of this kind, valid on `today`. */
  certificationKind?: string;
  /** Holds a valid licence that expires between `today` and this date. */
  licenceExpiringBy?: string;
  /** Holds a valid certificate that expires between `today` and this date. */
  certificationExpiringBy?: string;
  today: string;
}

export type SortColumn = 'name' | 'uscc' | 'updated_at';
export interface EnterpriseSort {
  column: SortColumn;
  desc: boolean;
}
/** Keyset cursor: the sort value and id of the last row of the previous page. */
export type Cursor = [value: string, id: string];

type Predicate = (eb: ExpressionBuilder<Database, 'enterprises'>) => Expression<SqlBool>;

/** The filters as conditions on `enterprises`; none when the list is not filtered. */
function filterPredicates(filter: EnterpriseFilter): Predicate[] {
  const all: Predicate[] = [];
  const equal = (column: 'industry_code' | 'status' | 'agri_leader_level', value: string | undefined) => {
    if (value) all.push((eb) => eb(`enterprises.${column}`, '=', value));
  };
  if (filter.regions) all.push(() => regionIn('enterprises.region_code', filter.regions!));
  equal('industry_code', filter.industryCode);
  equal('status', filter.status);
  equal('agri_leader_level', filter.agriLeaderLevel);
  for (const [column, value] of Object.entries(filter.flags)) {
    if (value !== undefined) all.push((eb) => eb(`enterprises.${column as 'flagship'}`, '=', bool(value)));
  }
  const { certificationKind: kind, licenceExpiringBy: by, today } = filter;
  if (kind) {
    all.push((eb) =>
      eb.exists(
        eb
          .selectFrom('certifications as c')
          .select('c.id')
          .whereRef('c.enterprise_id', '=', 'enterprises.id')
          .where('c.kind', '=', kind)
          .where('c.status', '=', 'valid')
          .where('c.deleted_at', 'is', null)
          .where((c) => c.or([c('c.expires_on', 'is', null), c('c.expires_on', '>=', today)])),
      ),
    );
  }
  // A valid certificate or licence that expires between today and the given date.
  const expiring = (table: 'licences' | 'certifications', until: string) => (eb: ExpressionBuilder<Database, 'enterprises'>) =>
    eb.exists(
      eb
        .selectFrom(`${table} as x` as 'licences as x')
        .select('x.id')
        .whereRef('x.enterprise_id', '=', 'enterprises.id')
        .where('x.status', '=', 'valid')
        .where('x.deleted_at', 'is', null)
        .where('x.expires_on', '>=', today)
        .where('x.expires_on', '<=', until),
    );
  if (by) all.push(expiring('licences', by));
  if (filter.certificationExpiringBy) all.push(expiring('certifications', filter.certificationExpiringBy));
  return all;
}

/** Live enterprises in scope that pass the filters, as one condition, for either list mode. */
function conditions(eb: ExpressionBuilder<Database, 'enterprises'>, scope: EnterpriseScope, predicates: Predicate[]): Expression<SqlBool> {
  return eb.and([eb('enterprises.deleted_at', 'is', null), ...inScope(eb, scope), ...predicates.map((p) => p(eb))]);
}

/** Browsing (no search text): sorted by a column, keyset cursor, exact total. */
export async function listEnterprises(
  db: Kysely<Database>,
  scope: EnterpriseScope,
  filter: EnterpriseFilter,
  sort: EnterpriseSort,
  page: { after?: Cursor; limit: number; offset?: number },
) {
  const predicates = filterPredicates(filter);
  const q = db.selectFrom('enterprises').where((eb) => conditions(eb, scope, predicates));
  const col = `enterprises.${sort.column}` as const;
  const dir = sort.desc ? 'desc' : 'asc';
  return countAndPage(
    q,
    (filtered) => {
      // Names in pinyin order, which each database reaches its own way.
      if (sort.column === 'name')
        return orderByEnterpriseName(db, filtered.selectAll('enterprises'), sort.desc, page.after).offset(page.offset ?? 0);
      let ordered = filtered.selectAll('enterprises').orderBy(col, dir).orderBy('enterprises.id', dir);
      if (page.after) {
        const [value, id] = page.after;
        const op = sort.desc ? '<' : '>';
        ordered = ordered.where((eb) => eb.or([eb(col, op, value), eb.and([eb(col, '=', value), eb('enterprises.id', op, id)])]));
      }
      return ordered.offset(page.offset ?? 0);
    },
    page.limit,
  );
}

/** Counting stops here: past it a search answers "10,000+", as the big portals do. */
export const SEARCH_COUNT_CAP = 10_000;

/**
 * Searching: matches in the search index's order, so the first page of a common term costs
 * no more than a rare one; the total is counted up to SEARCH_COUNT_CAP. Null for a cursor that
 * is not a search key of this database.
 */
export async function searchEnterprises(
  db: Kysely<Database>,
  scope: EnterpriseScope,
  filter: EnterpriseFilter & { search: { norm: string; grams: string[] } },
  page: { afterKey?: string; limit: number; offset?: number },
  cap = SEARCH_COUNT_CAP,
): Promise<{ rows: (EnterpriseRow & { search_key: string | number })[]; total: number; totalCapped: boolean; hasMore: boolean } | null> {
  let key: string | number | undefined;
  if (page.afterKey !== undefined) {
    const parsed = searchKeyValue(db, page.afterKey);
    if (parsed === null) return null;
    key = parsed;
  }
  const source = (after?: string | number, sparse = false) =>
    enterpriseSearchSource(db, filter.search.norm, filter.search.grams, after, sparse);
  const predicates = filterPredicates(filter);
  // The index holds live enterprises only: with no scope and no filter the search alone decides.
  const narrowed = Boolean(scope.regions || scope.enterpriseId) || predicates.length > 0;
  const matches = (after?: string | number, sparse = false) =>
    db
      .selectFrom(source(after, sparse).as('m'))
      .innerJoin('enterprises', 'enterprises.id', 'm.enterprise_id')
      .where((eb) => conditions(eb as unknown as ExpressionBuilder<Database, 'enterprises'>, scope, predicates));
  const counted = await countCapped(db, narrowed ? matches() : db.selectFrom(source().as('m')), cap);
  const sparse = !counted.totalCapped;
  const skip = page.offset ?? 0;
  // Unnarrowed, the page is cut from the index before the join: 51 enterprises read, not every match.
  const rows = await (
    narrowed
      ? matches(key, sparse)
      : db
          .selectFrom(
            source(key, sparse)
              .orderBy('search_key')
              .limit(skip + page.limit + 1)
              .as('m'),
          )
          .innerJoin('enterprises', 'enterprises.id', 'm.enterprise_id')
  )
    .selectAll('enterprises')
    .select('m.search_key')
    .orderBy('m.search_key')
    .limit(page.limit + 1)
    .offset(skip)
    .execute();
  return { rows: rows.slice(0, page.limit), ...counted, hasMore: rows.length > page.limit };
}
