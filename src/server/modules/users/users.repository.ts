import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/database';
import { countAndPage } from '../../db/paging';
import { bool, containsText, toBool } from '../../db/portable';
import { uuidv7 } from '../../lib/ids';
import type { UserTable } from './users.table';
import { whereInRegions } from '../../authz/region-scope';

export type UserRow = Selectable<UserTable>;

/** Which users an actor may see: everyone, or those of some regions (a county and below). */
export interface UserScope {
  regions: readonly string[] | null;
}

export async function findUserById(db: Kysely<Database>, id: string, scope: UserScope): Promise<UserRow | undefined> {
  let q = db.selectFrom('users').selectAll().where('id', '=', id);
  q = whereInRegions(q, 'region_code', scope.regions);
  return q.executeTakeFirst();
}

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserFilter {
  q?: string;
  role?: string;
  regionCode?: string;
}

/** Users ordered by username; `after` is the last username of the previous page. */
export async function listUsers(db: Kysely<Database>, scope: UserScope, filter: UserFilter, page: { after?: string; limit: number }) {
  let q = db.selectFrom('users');
  q = whereInRegions(q, 'region_code', scope.regions);
  if (filter.role) q = q.where('role', '=', filter.role);
  if (filter.regionCode) q = q.where('region_code', '=', filter.regionCode);
  if (filter.q) {
    const text = filter.q;
    q = q.where((eb) => eb.or([containsText(eb.ref('username'), text), containsText(eb.ref('display_name'), text)]));
  }
  return countAndPage(
    q,
    (filtered) => {
      const byName = filtered.selectAll().orderBy('username');
      return page.after ? byName.where('username', '>', page.after) : byName;
    },
    page.limit,
  );
}

export async function insertUser(db: Kysely<Database>, row: UserRow): Promise<void> {
  await db
    .insertInto('users')
    .values(row as Insertable<UserTable>)
    .execute();
}

/** Where a user works: their county, department or enterprise, as their role needs. */
export interface UserScopeFields {
  regionCode: string | null;
  departmentCode: string | null;
  enterpriseId: string | null;
}

/** A new account's row, not yet written (see insertUser). */
export function newUserRow(
  actorId: string | null,
  u: { username: string; displayName: string; role: string; scope: UserScopeFields; passwordHash: string; mustChangePassword: boolean },
): UserRow {
  const now = new Date().toISOString();
  return {
    id: uuidv7(),
    username: u.username,
    display_name: u.displayName,
    role: u.role,
    region_code: u.scope.regionCode,
    department_code: u.scope.departmentCode,
    enterprise_id: u.scope.enterpriseId,
    password_hash: u.passwordHash,
    must_change_password: bool(u.mustChangePassword),
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: actorId,
  };
}

/** An admin's edit of an account (name, role, scope, disabled) at the version read. Undefined when stale. */
export async function updateUserAccount(
  db: Kysely<Database>,
  id: string,
  version: number,
  u: { displayName: string; role: string; scope: UserScopeFields; disabled?: boolean },
): Promise<UserRow | undefined> {
  return updateUserVersioned(db, id, version, {
    display_name: u.displayName,
    role: u.role,
    region_code: u.scope.regionCode,
    department_code: u.scope.departmentCode,
    enterprise_id: u.scope.enterpriseId,
    ...(u.disabled !== undefined ? { disabled: bool(u.disabled) } : {}),
  });
}

/**
 * A new password at the version read: a one-time one (reset by an admin, which also lifts the
 * account's lock) must be changed at the next sign-in; the user's own need not. Undefined when stale.
 */
export async function setUserPassword(
  db: Kysely<Database>,
  id: string,
  version: number,
  passwordHash: string,
  oneTime: boolean,
): Promise<UserRow | undefined> {
  return updateUserVersioned(
    db,
    id,
    version,
    oneTime
      ? { password_hash: passwordHash, must_change_password: 1, failed_logins: 0, locked_until: null }
      : { password_hash: passwordHash, must_change_password: 0 },
  );
}

/** Whether the account is disabled (SQLite reads the flag back as 0/1). */
export const isDisabled = (row: UserRow): boolean => toBool(row.disabled);

/**
 * Applies an edit only if the row still has the version the editor read; bumps the version.
 * Returns the new row, or undefined when the version was stale (or the row is gone).
 */
export async function updateUserVersioned(
  db: Kysely<Database>,
  id: string,
  version: number,
  changes: Updateable<UserTable>,
): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ ...changes, version: version + 1, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Login bookkeeping (failures, lock, last login): not an edit of the account, so no version bump. */
export async function updateLoginState(
  db: Kysely<Database>,
  id: string,
  changes: Pick<Updateable<UserTable>, 'failed_logins' | 'locked_until' | 'last_login_at'>,
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** Id → display name of these users, for labelling who did what. */
export async function displayNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  return new Map(
    (
      await db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('id', 'in', [...ids])
        .execute()
    ).map((u) => [u.id, u.display_name]),
  );
}
