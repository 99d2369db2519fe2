import { createHash, randomBytes } from 'node:crypto';
import type { ChangePasswordBody, LoginBody, SessionInfo } from '../../../contract/schemas/auth';
import { ROLE_SCOPE, type Role } from '../../../contract/permissions';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { assertStrongPassword, hashPassword, verifyDummy, verifyPassword } from '../../lib/passwords';
import { recordAudit } from '../audit/audit.service';
import type { RegionTree } from '../reference/region-tree';
import { presentMe } from './users.presenter';
import { findUserById, findUserByUsername, isDisabled, setUserPassword, updateLoginState, type UserRow } from './users.repository';
import { clearThrottle, countFailure, findThrottle, lockThrottle, purgeThrottle, type ThrottleKey } from './login-throttle.repository';
import { findLiveSession, insertSession, revokeSession, revokeUserSessions, touchSession, type SessionRow } from './sessions.repository';
import { sessionAbilities } from './users.policy';

/** A signed-in request: the session and its user, as loaded from the database. */
export interface Authenticated {
  session: SessionRow;
  user: UserRow;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const TOUCH_EVERY_MS = 60_000;
/** Failures in a row count until a day passes without one; no lock lasts longer than a day; answers wait at most 5 s. */
const RESTART_AFTER_MS = 24 * 3_600_000;
const MAX_LOCK_MS = 24 * 3_600_000;
const MAX_DELAY_MS = 5_000;
const PURGE_EVERY_MS = 10 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CACHE_MAX_ENTRIES = 10_000;

/** The actor a user's requests act as; a region-scoped role reaches its region and every region below it. */
export function actorOf(user: UserRow, ip: string | null, tree: RegionTree): Actor {
  const role = user.role as Role;
  return {
    id: user.id,
    username: user.username,
    role,
    regionCode: user.region_code,
    regions: ROLE_SCOPE[role] === 'region' ? tree.subtree(user.region_code ?? '') : null,
    departmentCode: user.department_code,
    enterpriseId: user.enterprise_id,
    ip,
  };
}

export function authService(ctx: AppContext) {
  const { db, config, regions } = ctx;
  // Sessions are read on every request; a short-lived copy spares the database. Revocation in
  // this process is immediate; on another instance it takes at most config.cacheSeconds.
  // Keys are cookie tokens (memory only); the database stores their SHA-256.
  const cache = new Map<string, { auth: Authenticated; loadedAt: number }>();

  function forgetSession(sessionId: string) {
    for (const [token, entry] of cache) if (entry.auth.session.id === sessionId) cache.delete(token);
  }
  function forgetUser(userId: string) {
    for (const [token, entry] of cache) if (entry.auth.user.id === userId) cache.delete(token);
  }
  function remember(token: string, auth: Authenticated) {
    if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(token, { auth, loadedAt: Date.now() });
  }

  let lastPurge = 0;
  /**
   * Counts a wrong password for the pair and locks the source out of the account at every
   * loginMaxFailures-th failure in a row: the n-th lock lasts loginLockMinutes × 2^(n-1), at most
   * a day. For a real account, also its admin-facing counters and the audit event.
   */
  async function recordFailure(key: ThrottleKey, user: UserRow | undefined, ip: string | null, now: Date) {
    const nowIso = now.toISOString();
    const restartBefore = new Date(now.getTime() - RESTART_AFTER_MS).toISOString();
    return db.transaction().execute(async (trx) => {
      const failures = await countFailure(trx, key, nowIso, restartBefore);
      const lockNumber = failures % config.loginMaxFailures === 0 ? failures / config.loginMaxFailures : 0;
      const lockedUntil = lockNumber
        ? new Date(now.getTime() + Math.min(config.loginLockMinutes * 60_000 * 2 ** (lockNumber - 1), MAX_LOCK_MS)).toISOString()
        : null;
      if (lockedUntil) await lockThrottle(trx, key, lockedUntil);
      if (user) {
        await updateLoginState(trx, user.id, {
          failed_logins: user.failed_logins + 1,
          ...(lockedUntil ? { locked_until: lockedUntil } : {}),
        });
        const details = { source: key.source, failures, lockedUntil };
        await recordAudit(
          trx,
          actorOf(user, ip, await regions.tree(trx)),
          lockedUntil ? 'session.lockout' : 'session.login_failed',
          { type: 'user', id: user.id },
          null,
          details,
        );
      }
      if (now.getTime() - lastPurge > PURGE_EVERY_MS) {
        lastPurge = now.getTime();
        await purgeThrottle(trx, restartBefore, nowIso);
      }
      return { failures, lockedUntil };
    });
  }

  async function sessionInfo(auth: Authenticated): Promise<SessionInfo> {
    const tree = await regions.tree();
    const jurisdiction = { home: tree.home.code, parent: tree.parentOfHome(), units: tree.units() };
    const abilities = sessionAbilities(actorOf(auth.user, null, tree));
    return { user: presentMe(auth.user, abilities), csrfToken: auth.session.csrf_token, expiresAt: auth.session.expires_at, jurisdiction };
  }

  return {
    forgetUser,

    /** The actor of a signed-in request. */
    async actorFor(auth: Authenticated, ip: string | null): Promise<Actor> {
      return actorOf(auth.user, ip, await regions.tree());
    },

    /**
     * Checks an account's password and opens a session. Wrong passwords are counted per account
     * name and source address (login_throttle): each one's answer comes a little later than the
     * last, and every QC_LOGIN_MAX_FAILURES-th locks that source out of that account, for twice as
     * long each time. Other sources are not affected, so nobody can lock an officer out from
     * elsewhere. An unknown account name gets the same answers, counts and locks, and its password
     * is checked against a dummy hash, so neither answer nor timing tells which accounts exist.
     */
    async login(input: LoginBody, meta: { ip: string | null; userAgent: string | null }) {
      const now = new Date();
      const key = { username: input.username.toLowerCase(), source: meta.ip ?? 'unknown' };
      const throttle = await findThrottle(db, key);
      if (throttle?.locked_until && Date.parse(throttle.locked_until) > now.getTime()) {
        throw new AppError('account_locked', [{ lockedUntil: throttle.locked_until }]);
      }
      const user = await findUserByUsername(db, key.username);
      if (!user || !(await verifyPassword(user.password_hash, input.password))) {
        if (!user) await verifyDummy(input.password);
        const { failures, lockedUntil } = await recordFailure(key, user, meta.ip, now);
        if (lockedUntil) throw new AppError('account_locked', [{ lockedUntil }]);
        await sleep(Math.min(config.loginDelayMs * 2 ** (failures - 1), MAX_DELAY_MS));
        throw new AppError('invalid_credentials');
      }
      if (isDisabled(user)) throw new AppError('account_disabled');
      const actor = actorOf(user, meta.ip, await regions.tree());

      const token = randomBytes(32).toString('base64url');
      const nowIso = now.toISOString();
      const session: SessionRow = {
        id: sha256(token),
        user_id: user.id,
        csrf_token: randomBytes(24).toString('base64url'),
        created_at: nowIso,
        last_seen_at: nowIso,
        expires_at: new Date(now.getTime() + config.sessionMaxHours * 3_600_000).toISOString(),
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
        revoked_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await updateLoginState(trx, user.id, { failed_logins: 0, last_login_at: nowIso });
        await clearThrottle(trx, key);
        await insertSession(trx, session);
        await recordAudit(trx, actor, 'session.login', { type: 'user', id: user.id }, null, { sessionCreatedAt: nowIso });
      });
      return { token, info: await sessionInfo({ session, user: { ...user, failed_logins: 0, last_login_at: nowIso } }) };
    },

    /** The session behind a cookie token, or null when it is unknown, revoked, idle or expired. */
    async authenticate(token: string): Promise<Authenticated | null> {
      const nowMs = Date.now();
      // Keyed by the token itself: a cache hit costs no hashing. Only the database sees hashes.
      const cached = cache.get(token);
      let auth = cached && nowMs - cached.loadedAt < config.cacheSeconds * 1000 ? cached.auth : undefined;
      if (!auth) {
        auth = await findLiveSession(db, sha256(token));
        if (!auth) {
          cache.delete(token);
          return null;
        }
        remember(token, auth);
      }
      const { session, user } = auth;
      const idleLimit = Date.parse(session.last_seen_at) + config.sessionIdleMinutes * 60_000;
      if (nowMs > Date.parse(session.expires_at) || nowMs > idleLimit || isDisabled(user)) {
        cache.delete(token);
        return null;
      }
      if (nowMs - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) {
        const at = new Date(nowMs).toISOString();
        await touchSession(db, session.id, at);
        auth = { session: { ...session, last_seen_at: at }, user };
        remember(token, auth);
      }
      return auth;
    },

    me(auth: Authenticated): Promise<SessionInfo> {
      return sessionInfo(auth);
    },

    async logout(actor: Actor, auth: Authenticated) {
      await db.transaction().execute(async (trx) => {
        await revokeSession(trx, auth.session.id);
        await recordAudit(trx, actor, 'session.logout', { type: 'user', id: auth.user.id }, null, null);
      });
      forgetSession(auth.session.id);
    },

    /** Changes one's own password; every other session of the account is signed out. */
    async changePassword(actor: Actor, auth: Authenticated, input: ChangePasswordBody) {
      const user = await findUserById(db, auth.user.id, { regions: null });
      if (!user) throw new AppError('unauthenticated');
      if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw new AppError('wrong_password');
      if (input.newPassword === input.currentPassword) throw new AppError('same_password');
      await assertStrongPassword(input.newPassword, { username: user.username, displayName: user.display_name }, 'body/newPassword');
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (trx) => {
        const updated = await setUserPassword(trx, user.id, user.version, passwordHash, false);
        if (!updated) throw new AppError('stale_version');
        await revokeUserSessions(trx, user.id, auth.session.id);
        await recordAudit(trx, actor, 'user.change_password', { type: 'user', id: user.id }, null, { version: updated.version });
      });
      forgetUser(user.id);
    },
  };
}
export type AuthService = ReturnType<typeof authService>;
