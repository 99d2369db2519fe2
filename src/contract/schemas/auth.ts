import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Nullable } from './common';
import { ROLES, PERMISSIONS } from '../permissions';

export const RoleSchema = Type.Enum(ROLES, { description: '角色' });
export const PermissionSchema = Type.Enum(PERMISSIONS);

/** A password as typed: `format: 'password'` keeps it verbatim (not trimmed or normalised, plugins/validation.ts). */
const Password = Type.String({ minLength: 1, maxLength: LIMITS.password.max, format: 'password' });

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: LIMITS.username.max }),
    password: Password,
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/** Who an account is and what it is scoped to: shared by the session and the user list. */
export const AccountFields = {
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  regionCode: Nullable(Type.String()),
  departmentCode: Nullable(Type.String()),
  enterpriseId: Nullable(Type.String()),
  mustChangePassword: Type.Boolean(),
};

export const Me = Type.Object({ ...AccountFields, permissions: Type.Array(PermissionSchema) });
export type Me = Static<typeof Me>;

export const SessionInfo = Type.Object({
  user: Me,
  csrfToken: Type.String({ description: '写请求须在 X-CSRF-Token 头中带上此值' }),
  expiresAt: Type.String(),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Password,
    newPassword: Password,
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
