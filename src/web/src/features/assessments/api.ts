import { useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { Scheme, SchemeResults } from '../../../../contract/schemas/assessments';
import { api } from '../../api/client';

/** The assessment schemes, shared by the assessment page and its notice (one cache entry). */
export function useSchemes() {
  return useQuery({ queryKey: ['assessments', 'schemes'], queryFn: () => api<{ items: Static<typeof Scheme>[] }>('GET', '/assessment-schemes') });
}

/** A scheme's results; asked for only once there is a scheme that has them. */
export function useSchemeResults(id: string | undefined, hasResults = true) {
  return useQuery({ queryKey: ['assessments', 'results', id], queryFn: () => api<Static<typeof SchemeResults>>('GET', `/assessment-schemes/${id}/results`), enabled: !!id && hasResults });
}
