import type { Enterprise } from '../../../contract/schemas/enterprises';
import type { Actor } from '../../authz/actor';
import { toBool } from '../../db/portable';
import type { EnterpriseRow } from './enterprises.repository';
import { enterpriseAbilities } from './enterprises.policy';

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
