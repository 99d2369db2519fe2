import { ROLE_SCOPE, type Role } from '../../../contract/permissions';
import type { CreateUserBody, UpdateUserBody, UserListQuery } from '../../../contract/schemas/users';
import type { Actor } from '../../authz/actor';
import { FIRST_ADMIN } from '../../config';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/portable';
import { AppError } from '../../errors';
import { assertStrongPassword, generatePassword, hashPassword } from '../../lib/passwords';
import { recordAudit } from '../audit/audit.service';
import { findEnterprise } from '../enterprises/enterprises.repository';
import { findReferenceByCode } from '../reference/reference.repository';
import type { AuthService } from './auth.service';
import { auditedUser, presentUser } from './users.presenter';
import { userScope } from './users.policy';
import {
  countUsers,
  findUserById,
  insertUser,
  listUsers,
  newUserRow,
  setUserPassword,
  updateUserAccount,
  type UserScopeFields,
} from './users.repository';
import { revokeUserSessions } from './sessions.repository';
import { clearAccountThrottle } from './login-throttle.repository';

type Scope = UserScopeFields;

/**
 * A role carries exactly the scope it needs: a county officer one unit of the home region (an active county or district), a
 * department reporter one department, an enterprise user one enterprise; the others none.
 */
async function checkRoleScope(db: Db, role: Role, scope: Scope, units: readonly string[]): Promise<void> {
  const needs = ROLE_SCOPE[role];
  const given = { region: scope.regionCode, department: scope.departmentCode, enterprise: scope.enterpriseId };
  const wrong = (Object.keys(given) as (keyof typeof given)[]).filter((k) => (k === needs) !== (given[k] !== null));
  if (wrong.length) {
    throw new AppError(
      'invalid_scope',
      wrong.map((k) => ({
        path: `body/${k}${k === 'enterprise' ? 'Id' : 'Code'}`,
        message: k === needs ? '该角色必须指定' : '该角色不能指定',
      })),
    );
  }
  if (needs === 'region') {
    const region = await findReferenceByCode(db, 'regions', scope.regionCode!);
    if (!region) throw new AppError('unknown_region', [{ path: 'body/regionCode', message: '行政区划代码不存在' }]);
    if (!units.includes(region.code)) {
      throw new AppError('invalid_scope', [{ path: 'body/regionCode', message: '县级管理员须指定本市在用的县市区' }]);
    }
  }
  if (needs === 'department' && !(await findReferenceByCode(db, 'departments', scope.departmentCode!))) {
    throw new AppError('unknown_department', [{ path: 'body/departmentCode', message: '部门代码不存在' }]);
  }
  if (needs === 'enterprise' && !(await findEnterprise(db, scope.enterpriseId!, {}))) {
    throw new AppError('unknown_enterprise', [{ path: 'body/enterpriseId', message: '企业不在档案中' }]);
  }
}

export function userService(ctx: AppContext, auth: AuthService) {
  const { db } = ctx;

  async function create(actor: Actor, input: CreateUserBody, password?: string) {
    const scope: Scope = {
      regionCode: input.regionCode ?? null,
      departmentCode: input.departmentCode ?? null,
      enterpriseId: input.enterpriseId ?? null,
    };
    // An operator's own password (CLI --password, QC_ADMIN_PASSWORD) meets the same rule as one set through the API.
    if (password !== undefined) await assertStrongPassword(password, { username: input.username, displayName: input.displayName });
    const oneTimePassword = password ?? generatePassword();
    const row = newUserRow(actor.id, {
      username: input.username.toLowerCase(),
      displayName: input.displayName,
      role: input.role,
      scope,
      passwordHash: await hashPassword(oneTimePassword),
      // An operator-chosen password (CLI, QC_ADMIN_PASSWORD) is kept; a generated one is one-time.
      mustChangePassword: password === undefined,
    });
    try {
      await db.transaction().execute(async (trx) => {
        await checkRoleScope(trx, input.role, scope, (await ctx.regions.tree(trx)).units());
        await insertUser(trx, row);
        await recordAudit(trx, actor, 'user.create', { type: 'user', id: row.id }, null, auditedUser(row));
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('username_taken', [{ path: 'body/username', message: '用户名已被使用' }]);
      throw err;
    }
    return { user: presentUser(actor, row), oneTimePassword };
  }

  return {
    create,

    async list(actor: Actor, query: UserListQuery) {
      const limit = query.limit ?? 50;
      const { rows, total, hasMore } = await listUsers(
        db,
        userScope(actor),
        { q: query.q, role: query.role, regionCode: query.regionCode },
        { after: query.after, limit },
      );
      return {
        items: rows.map((r) => presentUser(actor, r)),
        meta: { total, nextCursor: hasMore ? rows.at(-1)!.username : null },
      };
    },

    async get(actor: Actor, id: string) {
      const row = await findUserById(db, id, userScope(actor));
      if (!row) throw new AppError('not_found');
      return presentUser(actor, row);
    },

    /** Changes name, role and scope, or disables the account (which signs it out everywhere). */
    async update(actor: Actor, id: string, input: UpdateUserBody) {
      const { version, ...fields } = input;
      if (Object.keys(fields).length === 0) throw new AppError('empty_update');
      const updated = await db.transaction().execute(async (trx) => {
        const before = await findUserById(trx, id, userScope(actor));
        if (!before) throw new AppError('not_found');
        const role = (fields.role ?? before.role) as Role;
        if (id === actor.id && (fields.disabled === true || role !== 'admin')) throw new AppError('self_lockout');
        const scope: Scope = {
          regionCode: fields.regionCode !== undefined ? fields.regionCode : before.region_code,
          departmentCode: fields.departmentCode !== undefined ? fields.departmentCode : before.department_code,
          enterpriseId: fields.enterpriseId !== undefined ? fields.enterpriseId : before.enterprise_id,
        };
        await checkRoleScope(trx, role, scope, (await ctx.regions.tree(trx)).units());
        const after = await updateUserAccount(trx, id, version, {
          displayName: fields.displayName ?? before.display_name,
          role,
          scope,
          disabled: fields.disabled,
        });
        if (!after) throw new AppError('stale_version');
        if (fields.disabled === true) await revokeUserSessions(trx, id);
        await recordAudit(trx, actor, 'user.update', { type: 'user', id }, auditedUser(before), auditedUser(after));
        return after;
      });
      auth.forgetUser(id);
      return presentUser(actor, updated);
    },

    /** Issues a new one-time password, lifts every source's lock on the account and signs it out everywhere. */
    async resetPassword(actor: Actor, id: string, version: number) {
      const oneTimePassword = generatePassword();
      const passwordHash = await hashPassword(oneTimePassword);
      const updated = await db.transaction().execute(async (trx) => {
        const before = await findUserById(trx, id, userScope(actor));
        if (!before) throw new AppError('not_found');
        const after = await setUserPassword(trx, id, version, passwordHash, true);
        if (!after) throw new AppError('stale_version');
        await revokeUserSessions(trx, id);
        // Every source's lock on the account is lifted with it.
        await clearAccountThrottle(trx, before.username);
        await recordAudit(trx, actor, 'user.reset_password', { type: 'user', id }, auditedUser(before), auditedUser(after));
        return after;
      });
      auth.forgetUser(id);
      return { user: presentUser(actor, updated), oneTimePassword };
    },

    /** On first start: when no account exists, creates `admin` and returns its password. */
    async ensureFirstAdmin(actor: Actor, password: string | null) {
      if ((await countUsers(db)) > 0) return null;
      return create(actor, { ...FIRST_ADMIN, role: 'admin' }, password ?? undefined);
    },
  };
}
export type UserService = ReturnType<typeof userService>;
