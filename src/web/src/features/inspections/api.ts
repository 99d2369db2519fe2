import { useQuery } from '@tanstack/react-query';
import type { DocumentInfo } from '../../../../contract/schemas/common';
import type {
  Board,
  BoardQuery,
  CaseActionBody,
  CreatePlan,
  CreateTestingBody,
  DocumentNumbers,
  Draw,
  DrawBody,
  DrawCheck,
  DrawList,
  FailedItemQuery,
  FailedItems,
  Inspection,
  InspectionDetail,
  InspectionListQuery,
  IssueNumberBody,
  PassRateQuery,
  PassRates,
  Plan,
  PlanNotice,
  PublicInspectionList,
  PublicInspectionQuery,
  RegisterSample,
  RespondBody,
  ResponseCase,
  ResponseCaseList,
  ResponseDecisionBody,
  ResponseListQuery,
  TestingBody,
} from '../../../../contract/schemas/inspections';
import type { Static } from 'typebox';
import { api, queryString, type Items, type UrlQuery } from '../../api/client';

export type CaseDetail = InspectionDetail;
export type { Inspection, Plan, TestingBody };

export const listTestingBodies = () => api<Items<TestingBody>>('GET', '/testing-bodies');
export const createTestingBody = (body: CreateTestingBody) => api<TestingBody>('POST', '/testing-bodies', body);
export const listInspectionPlans = () => api<Items<Plan>>('GET', '/inspection-plans');
export const createInspectionPlan = (body: CreatePlan) => api<Plan>('POST', '/inspection-plans', body);
/** Publishes the plan's settled results (the server writes this answer's schema in its route). */
export const publishPlan = (id: string) =>
  api<{ published: number; held: number; publishedOn: string }>('POST', `/inspection-plans/${id}/publish`);
export const getPlanNotice = (id: string) => api<PlanNotice>('GET', `/inspection-plans/${id}/notice`);
export const issueNoticeNumbers = (id: string, body: IssueNumberBody) =>
  api<{ items: DocumentNumbers }>('POST', `/inspection-plans/${id}/notice/numbers`, body);

export const listInspections = (query: UrlQuery<InspectionListQuery>) =>
  api<Items<Inspection> & { meta: { nextCursor: string | null } }>('GET', `/inspections${queryString(query)}`);
export const getInspection = (id: string) => api<CaseDetail>('GET', `/inspections/${id}`);
export const registerSample = (body: RegisterSample) => api<Inspection>('POST', '/inspections', body);
export const actOnInspection = (id: string, body: CaseActionBody) => api<CaseDetail>('POST', `/inspections/${id}/actions`, body);
export const getBoard = (query: UrlQuery<BoardQuery>) => api<Board>('GET', `/inspections/board${queryString(query)}`);
export const getPassRates = (query: PassRateQuery) => api<PassRates>('GET', `/inspections/stats/pass-rates${queryString(query)}`);
export const getFailedItems = (query: FailedItemQuery) => api<FailedItems>('GET', `/inspections/stats/failed-items${queryString(query)}`);
export const listInspectionDocuments = (id: string) => api<Items<Static<typeof DocumentInfo>>>('GET', `/inspections/${id}/documents`);
/** Where a case's documents are uploaded, listed and removed (see DocumentList). */
export const inspectionDocuments = (id: string) => `/inspections/${id}/documents`;

export const listDraws = (planId: string) => api<DrawList>('GET', `/inspection-plans/${planId}/draws`);
export const drawEnterprises = (planId: string, body: DrawBody) => api<Draw>('POST', `/inspection-plans/${planId}/draws`, body);
export const getDraw = (id: string) => api<Draw>('GET', `/inspection-draws/${id}`);
export const revealDraw = (id: string) => api<Draw>('POST', `/inspection-draws/${id}/reveal`);
export const verifyDraw = (id: string) => api<DrawCheck>('GET', `/inspection-draws/${id}/verify`);

export const listPublicInspections = (query: PublicInspectionQuery) =>
  api<PublicInspectionList>('GET', `/public/inspections${queryString(query)}`);

export const listResponseCases = (query: ResponseListQuery) => api<ResponseCaseList>('GET', `/inspection-responses${queryString(query)}`);
export const respond = (inspectionId: string, body: RespondBody) => api<ResponseCase>('PUT', `/inspections/${inspectionId}/response`, body);
export const decideResponse = (inspectionId: string, body: ResponseDecisionBody) =>
  api<ResponseCase>('POST', `/inspections/${inspectionId}/response/decision`, body);

export function usePlans() {
  return useQuery({ queryKey: ['inspection-plans'], queryFn: listInspectionPlans, select: (d) => d.items });
}

export function useTestingBodies() {
  return useQuery({ queryKey: ['testing-bodies'], queryFn: listTestingBodies, select: (d) => d.items, staleTime: 60_000 });
}
