import type { Updateable } from 'kysely';
import type { Enterprise } from '../../../contract/schemas/enterprises';
import type { Actor } from '../../authz/actor';
import { bool, toBool } from '../../db/portable';
import type { EnterpriseRow } from './enterprises.repository';
import type { EnterpriseTable } from './enterprises.table';
import { enterpriseAbilities } from './enterprises.policy';

/** API field ↔ column for the fields an officer edits. */
export const ENTERPRISE_FIELDS = {
  name: 'name',
  regionCode: 'region_code',
  industryCode: 'industry_code',
  address: 'address',
  legalRepresentative: 'legal_representative',
  contactPerson: 'contact_person',
  contactPhone: 'contact_phone',
  foundedOn: 'founded_on',
  status: 'status',
  deregisteredOn: 'deregistered_on',
  aboveScale: 'above_scale',
  keyEnterprise: 'key_enterprise',
  foreignInvested: 'foreign_invested',
  serviceEnterprise: 'service_enterprise',
  agriLeaderLevel: 'agri_leader_level',
} as const satisfies Record<string, keyof EnterpriseTable>;
type Field = keyof typeof ENTERPRISE_FIELDS;
const BOOLEAN_FIELDS = new Set<Field>(['aboveScale', 'keyEnterprise', 'foreignInvested', 'serviceEnterprise']);

/** The fields an input sets, as column values. */
export function enterpriseColumns(input: Partial<Record<Field, unknown>>): Updateable<EnterpriseTable> {
  const out: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(ENTERPRISE_FIELDS) as [Field, keyof EnterpriseTable][]) {
    const value = input[field];
    if (value === undefined) continue;
    out[column] = BOOLEAN_FIELDS.has(field) ? bool(value as boolean) : value;
  }
  return out as Updateable<EnterpriseTable>;
}

export function presentEnterprise(actor: Actor, row: EnterpriseRow): Enterprise {
  return {
    id: row.id,
    uscc: row.uscc,
    usccOverrideReason: row.uscc_override_reason,
    name: row.name,
    regionCode: row.region_code,
    industryCode: row.industry_code,
    address: row.address,
    legalRepresentative: row.legal_representative,
    contactPerson: row.contact_person,
    contactPhone: row.contact_phone,
    foundedOn: row.founded_on,
    status: row.status as Enterprise['status'],
    deregisteredOn: row.deregistered_on,
    aboveScale: toBool(row.above_scale),
    keyEnterprise: toBool(row.key_enterprise),
    flagship: toBool(row.flagship),
    foreignInvested: toBool(row.foreign_invested),
    serviceEnterprise: toBool(row.service_enterprise),
    agriLeaderLevel: row.agri_leader_level as Enterprise['agriLeaderLevel'],
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: enterpriseAbilities(actor, row),
  };
}

/** What the audit log keeps of an enterprise: its API shape without abilities. */
export function auditedEnterprise(actor: Actor, row: EnterpriseRow) {
  const { abilities: _a, ...rest } = presentEnterprise(actor, row);
  return { ...rest, deletedAt: row.deleted_at, deleteReason: row.delete_reason };
}
