import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits';
import { Id, Instant, Nullable, Version } from './common';
import { DateString } from './enterprises';

/** 经营异常名录 (企业信息公示暂行条例 art. 17) and 严重违法失信名单 (SAMR Order No. 44). */
export const CREDIT_LISTS = ['abnormal_operation', 'serious_dishonesty'] as const;
export type CreditList = (typeof CREDIT_LISTS)[number];
/** Why an entry left its list (DOMAIN.md §2.8): 已履行 / 信用修复 / 期满 / 撤销. */
export const REMOVAL_REASONS = ['fulfilled', 'repaired', 'expired', 'revoked'] as const;

export const CreditListing = Type.Object({
  id: Id,
  enterpriseId: Id,
  list: Type.Enum(CREDIT_LISTS),
  authority: Type.String({ description: '列入机关' }),
  decisionNo: Type.String({ description: '决定书文号' }),
  reason: Type.String({ description: '列入事由' }),
  listedOn: Type.String(),
  removedOn: Nullable(Type.String()),
  removalReason: Nullable(Type.Enum(REMOVAL_REASONS)),
  removalNote: Type.String(),
  inForce: Type.Boolean({ description: '今天仍在名单上' }),
  version: Type.Integer(),
  updatedAt: Instant,
  abilities: Type.Object({ remove: Type.Boolean() }),
});
export type CreditListing = Static<typeof CreditListing>;

export const CreateCreditListing = Type.Object(
  {
    list: Type.Enum(CREDIT_LISTS),
    authority: Type.String({ minLength: 2, maxLength: 100 }),
    decisionNo: Type.Optional(Type.String({ maxLength: 60 })),
    reason: Type.String({ minLength: LIMITS.reason.min, maxLength: LIMITS.reason.max }),
    listedOn: DateString,
  },
  { additionalProperties: false },
);

export const RemoveCreditListing = Type.Object(
  {
    on: DateString,
    reason: Type.Enum(REMOVAL_REASONS),
    note: Type.Optional(Type.String({ maxLength: LIMITS.reason.max })),
    version: Version,
  },
  { additionalProperties: false },
);

// The shapes above as TypeScript types, for the console's typed client (src/web/src/features/*/api.ts).
export type CreateCreditListing = Static<typeof CreateCreditListing>;
export type RemoveCreditListing = Static<typeof RemoveCreditListing>;
