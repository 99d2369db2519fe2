import type { AuditList, AuditListQuery } from '../../../../contract/schemas/audit';
import type { ReferenceItem, ReferenceKind } from '../../../../contract/schemas/reference';
import type { CreateUserBody, UpdateUserBody, User, UserList, UserListQuery, UserWithPassword } from '../../../../contract/schemas/users';
import { api, queryString } from '../../api/client';

export const listUsers = (query: UserListQuery) => api<UserList>('GET', `/users${queryString(query)}`);
export const createUser = (body: CreateUserBody) => api<UserWithPassword>('POST', '/users', body);
export const updateUser = (id: string, body: UpdateUserBody) => api<User>('PATCH', `/users/${id}`, body);
export const resetPassword = (id: string, version: number) => api<UserWithPassword>('POST', `/users/${id}/reset-password`, { version });

export const listAuditEvents = (query: AuditListQuery) => api<AuditList>('GET', `/audit/events${queryString(query)}`);

// Reference items' fields depend on the kind (ReferenceSchemas); the form is built for the kind it edits.
export const createReferenceItem = (kind: ReferenceKind, body: Record<string, unknown>) =>
  api<ReferenceItem>('POST', `/reference/${kind}`, body);
export const updateReferenceItem = (kind: ReferenceKind, id: string, body: Record<string, unknown> & { version: number }) =>
  api<ReferenceItem>('PATCH', `/reference/${kind}/${id}`, body);
