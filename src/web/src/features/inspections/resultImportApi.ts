import { useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  ResultImportDone,
  ResultImportIssuers,
  ResultImportList,
  ResultImportPreview,
  ResultImportSettings,
} from '../../../../contract/schemas/inspections';
import { api, queryString, upload } from '../../api/client';

export type ImportPreview = ResultImportPreview;
export type ImportSettings = Static<typeof ResultImportSettings>;
export type ImportRow = ImportPreview['rows'][number];

export const uploadResultTable = (planId: string, file: File, issuer: string, onProgress: (p: number) => void) =>
  upload<ImportPreview>(`/inspection-plans/${planId}/result-imports${queryString({ issuer })}`, file, onProgress);
export const updateResultImport = (preview: ImportPreview, settings: ImportSettings) =>
  api<ImportPreview>('PUT', `/result-imports/${preview.id}`, { revision: preview.revision, settings });
export const confirmResultImport = (preview: ImportPreview, choices: { line: number; enterpriseId: string | null }[]) =>
  api<ResultImportDone>('POST', `/result-imports/${preview.id}/confirm`, { revision: preview.revision, choices });

/**
 * The settings with another notice date. The year chosen to count in is kept only while the choice
 * is still asked for (the notice's year differs from the plan's, and the choice is one of the two):
 * the field is hidden otherwise, and a hidden, stale choice would go on deciding the count year.
 */
export function withNoticeDate(settings: ImportSettings, noticeDate: string | null, planYear: number): ImportSettings {
  const noticeYear = noticeDate ? Number(noticeDate.slice(0, 4)) : null;
  const asked = noticeYear !== null && noticeYear !== planYear;
  const keep = asked && (settings.countYear === noticeYear || settings.countYear === planYear);
  return { ...settings, noticeDate, countYear: keep ? settings.countYear : null };
}

/** Issuers whose column mapping is remembered, for the upload form. */
export function useResultImportIssuers() {
  return useQuery({
    queryKey: ['result-import-issuers'],
    queryFn: () => api<ResultImportIssuers>('GET', '/result-import-issuers'),
    select: (d) => d.items.map((i) => i.issuer),
  });
}

export function usePlanResultImports(planId: string) {
  return useQuery({
    queryKey: ['result-imports', planId],
    queryFn: () => api<ResultImportList>('GET', `/inspection-plans/${planId}/result-imports`),
    select: (d) => d.items,
  });
}
