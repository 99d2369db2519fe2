import type { Me } from '../../../contract/schemas/auth';
import type { User } from '../../../contract/schemas/users';
import { ROLE_PERMISSIONS, type Role } from '../../../contract/permissions';
import { toBool } from '../../db/portable';
import type { Actor } from '../../authz/actor';
import type { UserRow } from './users.repository';
import { userAbilities } from './users.policy';

export function presentUser(actor: Actor, row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    regionCode: row.region_code,
    departmentCode: row.department_code,
    enterpriseId: row.enterprise_id,
    disabled: toBool(row.disabled),
    mustChangePassword: toBool(row.must_change_password),
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: userAbilities(actor, row),
  };
}

export function presentMe(row: UserRow, abilities: Me['abilities']): Me {
  const role = row.role as Role;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role,
    regionCode: row.region_code,
    departmentCode: row.department_code,
    enterpriseId: row.enterprise_id,
    mustChangePassword: toBool(row.must_change_password),
    permissions: [...ROLE_PERMISSIONS[role]],
    abilities,
  };
}

/** What the audit log keeps of an account: everything but the password hash. */
export function auditedUser(row: UserRow) {
  const { password_hash: _secret, ...rest } = row;
  return { ...rest, disabled: toBool(row.disabled), must_change_password: toBool(row.must_change_password) };
}
