import { Type, type Static } from 'typebox';
import { Nullable } from './common';
import { RECORD_KINDS } from './records';

/** What can be imported and exported: enterprises, and each kind of record kept under them. */
export const IMPORT_KIND_VALUES = ['enterprises', ...RECORD_KINDS] as const;

export const IMPORT_MODES = ['all', 'partial', 'check'] as const;

export const ImportKindParams = Type.Object({ kind: Type.Enum(IMPORT_KIND_VALUES) }, { additionalProperties: false });
export const ImportQuery = Type.Object(
  {
    mode: Type.Optional(
      Type.Enum(IMPORT_MODES, {
        description:
          'all：有错误行则全部不写入（默认）；partial：写入正确行，退回错误行；check：只校验，报告将新增/更新/不变的行数，不写入',
      }),
    ),
  },
  { additionalProperties: false },
);
export const FormatQuery = Type.Object({ format: Type.Optional(Type.Enum(['csv', 'xlsx'] as const)) }, { additionalProperties: false });

export const ImportReport = Type.Object({
  id: Type.String(),
  kind: Type.Enum(IMPORT_KIND_VALUES),
  mode: Type.Enum(IMPORT_MODES),
  fileName: Type.String(),
  written: Type.Boolean({ description: '是否写入了数据' }),
  rows: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  errors: Type.Array(Type.Object({ line: Type.Integer(), column: Type.String(), value: Type.String(), message: Type.String() })),
  errorsTruncated: Type.Boolean(),
  warnings: Type.Array(Type.String()),
  rejectedFile: Nullable(Type.String({ description: '错误行文件，可从 /api/v1/imports/{id}/rejected 下载' })),
});

// The shapes above as TypeScript types, for the console's typed client (src/web/src/features/*/api.ts).
export type ImportKind = (typeof IMPORT_KIND_VALUES)[number];
export type ImportMode = (typeof IMPORT_MODES)[number];
export type ImportReport = Static<typeof ImportReport>;
