import type { Proposal } from '../../../contract/schemas/enterprises';
import type { Actor } from '../../authz/actor';
import { proposalAbilities } from './enterprises.policy';
import type { ProposalRow } from './proposals.repository';

/** A proposal as the API shows it; `regionCode` is its enterprise's, which decides who may decide it. */
export function presentProposal(actor: Actor, row: ProposalRow, regionCode: string): Proposal {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    changes: JSON.parse(row.changes),
    note: row.note,
    status: row.status as Proposal['status'],
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionComment: row.decision_comment,
    version: row.version,
    createdAt: row.created_at,
    abilities: proposalAbilities(actor, row, regionCode),
  };
}
