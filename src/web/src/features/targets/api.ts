import type {
  CopyPlan,
  CreateIndicator,
  Dashboard,
  DecideReportedValue,
  Indicator,
  Matrix,
  MatrixQuery,
  RecordList,
  RecordsQuery,
  ReportedQuery,
  ReportedValue,
  ReportTasks,
  SaveReportedValue,
  ScopeQuery,
  TargetPlan,
  TargetPlanDetail,
  UnlockReportedValue,
  UpdateIndicator,
} from '../../../../contract/schemas/targets';
import { api, queryString, type Items } from '../../api/client';

export const listTargetPlans = () => api<Items<TargetPlan>>('GET', '/target-plans');
export const getTargetPlan = (id: string) => api<TargetPlanDetail>('GET', `/target-plans/${id}`);
export const copyTargetPlan = (id: string, body: CopyPlan) => api<TargetPlan>('POST', `/target-plans/${id}/copy`, body);
export const addIndicator = (planId: string, body: CreateIndicator) => api<Indicator>('POST', `/target-plans/${planId}/indicators`, body);
export const updateIndicator = (id: string, body: UpdateIndicator) => api<Indicator>('PATCH', `/plan-indicators/${id}`, body);

export const getDashboard = (planId: string, query: ScopeQuery) =>
  api<Dashboard>('GET', `/target-plans/${planId}/dashboard${queryString(query)}`);
export const getMatrix = (planId: string, query: MatrixQuery) => api<Matrix>('GET', `/target-plans/${planId}/matrix${queryString(query)}`);
export const listIndicatorRecords = (planId: string, code: string, query: RecordsQuery) =>
  api<RecordList>('GET', `/target-plans/${planId}/indicators/${code}/records${queryString(query)}`);

export const listReportedValues = (query: ReportedQuery) => api<Items<ReportedValue>>('GET', `/reported-values${queryString(query)}`);
export const getReportTasks = (period: string) => api<ReportTasks>('GET', `/reported-values/tasks${queryString({ period })}`);
export const saveReportedValue = (body: SaveReportedValue) => api<ReportedValue>('PUT', '/reported-values', body);
export const submitReportedValue = (id: string, version: number | undefined) =>
  api<ReportedValue>('POST', `/reported-values/${id}/submit`, { version });
export const decideReportedValue = (id: string, body: DecideReportedValue) =>
  api<ReportedValue>('POST', `/reported-values/${id}/decision`, body);
export const unlockReportedValue = (id: string, body: UnlockReportedValue) =>
  api<ReportedValue>('POST', `/reported-values/${id}/unlock`, body);
