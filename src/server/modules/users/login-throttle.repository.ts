import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database';
import type { LoginThrottleTable } from './users.table';

export type ThrottleRow = Selectable<LoginThrottleTable>;

/** Failures are counted per account name as typed (lower case) and per source address. */
export interface ThrottleKey {
  username: string;
  source: string;
}

export async function findThrottle(db: Kysely<Database>, key: ThrottleKey): Promise<ThrottleRow | undefined> {
  return db
    .selectFrom('login_throttle')
    .selectAll()
    .where('username', '=', key.username)
    .where('source', '=', key.source)
    .executeTakeFirst();
}

/**
 * Counts one more failure for the pair, in one statement so concurrent attempts all count; the
 * count starts again when the last failure is older than `restartBefore`. Returns the count.
 */
export async function countFailure(db: Kysely<Database>, key: ThrottleKey, at: string, restartBefore: string): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ ...key, failures: 1, last_failed_at: at, locked_until: null })
    .onConflict((oc) =>
      oc.columns(['username', 'source']).doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('login_throttle.last_failed_at', '<', restartBefore)
          .then(eb.lit(1))
          .else(eb('login_throttle.failures', '+', eb.lit(1)))
          .end(),
        last_failed_at: at,
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function lockThrottle(db: Kysely<Database>, key: ThrottleKey, lockedUntil: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ locked_until: lockedUntil })
    .where('username', '=', key.username)
    .where('source', '=', key.source)
    .execute();
}

/** Forgets the pair's failures (a successful sign-in from that source). */
export async function clearThrottle(db: Kysely<Database>, key: ThrottleKey): Promise<void> {
  await db.deleteFrom('login_throttle').where('username', '=', key.username).where('source', '=', key.source).execute();
}

/** Forgets every source's failures and locks on an account (a password reset). */
export async function clearAccountThrottle(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('username', '=', username.toLowerCase()).execute();
}

/** Deletes the pairs whose count has restarted and whose lock is over, so the table stays small. */
export async function purgeThrottle(db: Kysely<Database>, restartBefore: string, now: string): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('last_failed_at', '<', restartBefore)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
}
