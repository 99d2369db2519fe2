import { useQuery } from '@tanstack/react-query';
import type { ReferenceKind, Region } from '../../../contract/schemas/reference';
import { api, type Items } from './client';

export interface ReferenceItem {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  active: boolean;
  version: number;
  sortOrder: number;
  [field: string]: unknown;
}

export const listReferenceItems = (kind: ReferenceKind) => api<Items<ReferenceItem>>('GET', `/reference/${kind}`);
export const listRegions = () => api<Items<Region>>('GET', '/reference/regions');

/** A kind of reference data, cached for the session (it changes rarely). */
export function useReference(kind: ReferenceKind) {
  return useQuery({
    queryKey: ['reference', kind],
    queryFn: () => listReferenceItems(kind),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });
}

/** code → display name in the current language, falling back to the code. */
export function useReferenceNames(kind: ReferenceKind, lang: string) {
  const items = useReference(kind).data ?? [];
  const names = new Map(items.map((i) => [i.code, lang === 'en-US' && i.nameEn ? i.nameEn : i.name]));
  return (code: string | null | undefined) => (code ? (names.get(code) ?? code) : '');
}

/** A product category as a choice: its name in the current language, then its group (食品相关产品…), which tells look-alikes apart. */
export function categoryOption(c: ReferenceItem, lang: string) {
  return { value: c.code, label: `${lang === 'en-US' && c.nameEn ? c.nameEn : c.name}（${c.groupName as string}）` };
}

/** A region an enterprise is placed in: a county, district or county-level city, or a township below one. */
export const isPlace = (r: ReferenceItem) => r.level !== 'province' && r.level !== 'city';
