import type { Static } from 'typebox';
import type { DocumentInfo, RemoveDocumentBody } from '../../../contract/schemas/common';
import { api, upload } from './client';

// The documents of a record (a cultivation, a case) under `base`, a feature's path for them (its api.ts gives it).
export const uploadDocument = (base: string, file: File) => upload<Static<typeof DocumentInfo>>(base, file, () => undefined);
export const removeDocument = (base: string, id: string, body: Static<typeof RemoveDocumentBody>) =>
  api<void>('DELETE', `${base}/${id}`, body);
/** A document's download link. */
export const documentUrl = (base: string, id: string) => `/api/v1${base}/${id}`;
