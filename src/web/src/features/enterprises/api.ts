import type { AuditEvent } from '../../../../contract/schemas/audit';
import type { CreateCreditListing, CreditListing, RemoveCreditListing } from '../../../../contract/schemas/credit';
import type {
  CreateEnterpriseBody,
  DecisionBody,
  DeleteBody,
  Enterprise,
  EnterpriseList,
  EnterpriseListQuery,
  Proposal,
  ProposalBody,
  UpdateEnterpriseBody,
  UsccCheckResult,
  Workbench,
} from '../../../../contract/schemas/enterprises';
import type { RecordItem, RecordKind } from '../../../../contract/schemas/records';
import { api, queryString, type Items, type UrlQuery } from '../../api/client';

export const listEnterprises = (query: UrlQuery<EnterpriseListQuery>) => api<EnterpriseList>('GET', `/enterprises${queryString(query)}`);
export const getEnterprise = (id: string) => api<Enterprise>('GET', `/enterprises/${id}`);
export const checkUsccCode = (code: string) => api<UsccCheckResult>('GET', `/enterprises/uscc-check${queryString({ code })}`);
export const createEnterprise = (body: CreateEnterpriseBody) => api<Enterprise>('POST', '/enterprises', body);
export const updateEnterprise = (id: string, body: UpdateEnterpriseBody) => api<Enterprise>('PATCH', `/enterprises/${id}`, body);
export const getEnterpriseHistory = (id: string) => api<Items<AuditEvent>>('GET', `/enterprises/${id}/history`);
export const getWorkbench = () => api<Workbench>('GET', '/workbench');

type Item = RecordItem & Record<string, unknown>;
/** 企业画像: the enterprise and all its records (the server writes this answer's schema in its route). */
export interface EnterpriseProfile {
  enterprise: Enterprise;
  formerNames: Item[];
  associations: Item[];
  yearlyFigures: Item[];
  products: (Item & { standards: Item[] })[];
  certifications: Item[];
  licences: Item[];
  qualityStaff: Item[];
}
export const getEnterpriseProfile = (id: string) => api<EnterpriseProfile>('GET', `/enterprises/${id}/profile`);

/**
 * Where an enterprise's records of a kind live (a product's standards under the product). Their
 * fields depend on the kind (RECORD_FIELDS); the record forms are built from the same table.
 */
export const recordsPath = (enterpriseId: string, kind: RecordKind, productId?: string) =>
  `/enterprises/${enterpriseId}${productId ? `/products/${productId}` : ''}/${kind}`;
export const listRecords = (path: string) => api<Items<Item>>('GET', path);
export const createRecord = (path: string, body: Record<string, unknown>) => api<Item>('POST', path, body);
export const updateRecord = (path: string, id: string, body: Record<string, unknown> & { version: number }) =>
  api<Item>('PATCH', `${path}/${id}`, body);
export const deleteRecord = (path: string, id: string, body: DeleteBody) => api<void>('DELETE', `${path}/${id}`, body);

export const listProposals = (enterpriseId: string) => api<Items<Proposal>>('GET', `/enterprises/${enterpriseId}/proposals`);
export const propose = (enterpriseId: string, body: ProposalBody) => api<Proposal>('POST', `/enterprises/${enterpriseId}/proposals`, body);
export const decideProposal = (enterpriseId: string, id: string, body: DecisionBody) =>
  api<Proposal>('POST', `/enterprises/${enterpriseId}/proposals/${id}/decision`, body);

export const listCreditListings = (enterpriseId: string) =>
  api<Items<CreditListing>>('GET', `/enterprises/${enterpriseId}/credit-listings`);
export const addCreditListing = (enterpriseId: string, body: CreateCreditListing) =>
  api<CreditListing>('POST', `/enterprises/${enterpriseId}/credit-listings`, body);
export const removeCreditListing = (id: string, body: RemoveCreditListing) =>
  api<CreditListing>('POST', `/credit-listings/${id}/removal`, body);
