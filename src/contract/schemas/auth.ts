import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Nullable, RegionCode } from './common';
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

/** What the signed-in user may do beyond single records: decided by the server's policies, so the console never decides by role. */
export const MeAbilities = Type.Object({
  cityWide: Type.Boolean({ description: '不限于某县市区或某企业：可看全市、选任一县市区，并作出全市层面的决定（奖励规则、旗舰企业名单）' }),
  registerTestingBodies: Type.Boolean({ description: '可登记承检机构' }),
});
export const Me = Type.Object({ ...AccountFields, permissions: Type.Array(PermissionSchema), abilities: MeAbilities });
export type Me = Static<typeof Me>;

/** Where the platform sits in the region tree: what the console needs to name the city, the province and the counties. */
export const Jurisdiction = Type.Object({
  home: { ...RegionCode, description: '平台服务的区划（本市；设置 QC_HOME_REGION 或载入的唯一地级市）' },
  parent: Nullable({ ...RegionCode, description: '上级区划（省），全省数据以其代码上报' }),
  units: Type.Array(RegionCode, { description: '所辖县市区（考核、上报的单位），按顺序' }),
});
export type Jurisdiction = Static<typeof Jurisdiction>;

export const SessionInfo = Type.Object({
  user: Me,
  jurisdiction: Jurisdiction,
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
