import type { ImportKind, ImportMode, ImportReport } from '../../../../contract/schemas/imports';
import { queryString, upload } from '../../api/client';

/** Uploads a file to import (mode `check` only verifies it), with progress. */
export const uploadImport = (kind: ImportKind, mode: ImportMode, file: File, onProgress: (percent: number) => void) =>
  upload<ImportReport>(`/imports/${kind}${queryString({ mode })}`, file, onProgress);
