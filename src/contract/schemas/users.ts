import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Instant, ListMeta, Nullable, PageQuery, Version, RegionCode } from './common';
import { AccountFields, RoleSchema } from './auth';

const Username = Type.String({
  minLength: LIMITS.username.min,
  maxLength: LIMITS.username.max,
  pattern: LIMITS.username.pattern,
  description: '登录账号：字母、数字、下划线、点或连字符',
});
const DisplayName = Type.String({ minLength: LIMITS.displayName.min, maxLength: LIMITS.displayName.max });
const DepartmentCode = Type.String({ minLength: 1, maxLength: 32 });

export const User = Type.Object({
  ...AccountFields,
  disabled: Type.Boolean(),
  lockedUntil: Nullable(Instant),
  lastLoginAt: Nullable(Instant),
  version: Type.Integer(),
  createdAt: Instant,
  updatedAt: Instant,
  abilities: Type.Object({ update: Type.Boolean(), resetPassword: Type.Boolean() }),
});
export type User = Static<typeof User>;

export const UserList = Type.Object({ items: Type.Array(User), meta: ListMeta });

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50, description: '账号或姓名中包含的文字' })),
    role: Type.Optional(RoleSchema),
    regionCode: Type.Optional(RegionCode),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    role: RoleSchema,
    regionCode: Type.Optional(RegionCode),
    departmentCode: Type.Optional(DepartmentCode),
    enterpriseId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    version: Version,
    displayName: Type.Optional(DisplayName),
    role: Type.Optional(RoleSchema),
    regionCode: Type.Optional(Nullable(RegionCode)),
    departmentCode: Type.Optional(Nullable(DepartmentCode)),
    enterpriseId: Type.Optional(Nullable(Id)),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });

/** Answer to creating a user or resetting a password: the one-time password, shown once. */
export const UserWithPassword = Type.Object({
  user: User,
  oneTimePassword: Type.String({ description: '一次性密码，仅显示一次；首次登录须修改' }),
});

// The shapes above as TypeScript types, for the console's typed client (src/web/src/features/*/api.ts).
export type UserList = Static<typeof UserList>;
export type UserWithPassword = Static<typeof UserWithPassword>;
