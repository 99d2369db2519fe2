import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/database';
import { countAndPage } from '../../db/paging';
import { containsText } from '../../db/portable';
import type { UserTable } from './users.table';

export type UserRow = Selectable<UserTable>;

/** Which users an actor may see: everyone, or those of one region. */
export interface UserScope {
  regionCode: string | null;
}

export async function findUserById(db: Kysely<Database>, id: string, scope: UserScope): Promise<UserRow | undefined> {
  let q = db.selectFrom('users').selectAll().where('id', '=', id);
  if (scope.regionCode) q = q.where('region_code', '=', scope.regionCode);
  return q.executeTakeFirst();
}

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserFilter {
  q?: string;
  role?: string;
  regionCode?: string;
}

/** Users ordered by username; `after` is the last username of the previous page. */
export async function listUsers(
  db: Kysely<Database>,
  scope: UserScope,
  filter: UserFilter,
  page: { after?: string; limit: number },
) {
  let q = db.selectFrom('users');
  if (scope.regionCode) q = q.where('region_code', '=', scope.regionCode);
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

export async function insertUser(db: Kysely<Database>, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

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
  return new Map((await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...ids]).execute()).map((u) => [u.id, u.display_name]));
}
