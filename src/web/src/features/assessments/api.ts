import { useQuery } from '@tanstack/react-query';
import type {
  CountyAssessment,
  CreateScheme,
  Decision,
  ReviewScores,
  Scheme,
  SchemeDraft,
  SchemeResults,
  SelfScores,
  UpdateScheme,
} from '../../../../contract/schemas/assessments';
import { api, queryString, type Items } from '../../api/client';

export const listSchemes = () => api<Items<Scheme>>('GET', '/assessment-schemes');
export const getSchemeDraft = (planId: string) => api<SchemeDraft>('GET', `/assessment-schemes/draft${queryString({ planId })}`);
export const createScheme = (body: CreateScheme) => api<Scheme>('POST', '/assessment-schemes', body);
export const updateScheme = (id: string, body: UpdateScheme) => api<Scheme>('PUT', `/assessment-schemes/${id}`, body);
export const openScheme = (id: string, version: number) => api<Scheme>('POST', `/assessment-schemes/${id}/open`, { version });
export const finaliseScheme = (id: string, version: number) => api<Scheme>('POST', `/assessment-schemes/${id}/finalise`, { version });
export const getSchemeResults = (id: string) => api<SchemeResults>('GET', `/assessment-schemes/${id}/results`);

export const getCountyAssessment = (id: string) => api<CountyAssessment>('GET', `/county-assessments/${id}`);
export const fileCountyTargets = (id: string, version: number) =>
  api<CountyAssessment>('POST', `/county-assessments/${id}/filing`, { version });
export const selfAssess = (id: string, body: SelfScores) =>
  api<CountyAssessment>('POST', `/county-assessments/${id}/self-assessment`, body);
export const reviewCounty = (id: string, body: ReviewScores) => api<CountyAssessment>('POST', `/county-assessments/${id}/review`, body);
export const decideCounty = (id: string, body: Decision) => api<CountyAssessment>('POST', `/county-assessments/${id}/decision`, body);

/** The assessment schemes, shared by the assessment page and its notice (one cache entry). */
export function useSchemes() {
  return useQuery({ queryKey: ['assessments', 'schemes'], queryFn: listSchemes });
}

/** A scheme's results; asked for only once there is a scheme that has them. */
export function useSchemeResults(id: string | undefined, hasResults = true) {
  return useQuery({ queryKey: ['assessments', 'results', id], queryFn: () => getSchemeResults(id!), enabled: !!id && hasResults });
}
