import type { Selectable } from 'kysely';
import { PROPOSABLE_FIELDS, type DecisionBody, type Proposal, type ProposalBody } from '../../../contract/schemas/enterprises';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { auditedEnterprise, enterpriseColumns } from './enterprises.presenter';
import { enterpriseScope, mayEditInRegion } from './enterprises.policy';
import { findEnterprise, updateEnterpriseVersioned } from './enterprises.repository';
import type { ProposalTable } from './enterprises.table';

type ProposalRow = Selectable<ProposalTable>;

function present(actor: Actor, row: ProposalRow, regionCode: string): Proposal {
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
    abilities: { decide: row.status === 'pending' && mayEditInRegion(actor, regionCode) },
  };
}

/**
 * An enterprise user proposes changes to their own contact data (address, contact person,
 * phone); an officer of the enterprise's county accepts — the archive changes — or rejects.
 */
export function proposalService(ctx: AppContext) {
  const { db } = ctx;

  async function enterpriseOf(actor: Actor, enterpriseId: string, trx = db) {
    const enterprise = await findEnterprise(trx, enterpriseId, enterpriseScope(actor));
    if (!enterprise) throw new AppError('not_found');
    return enterprise;
  }

  return {
    async propose(actor: Actor, enterpriseId: string, body: ProposalBody) {
      const changes = Object.fromEntries(PROPOSABLE_FIELDS.filter((f) => body[f] !== undefined).map((f) => [f, body[f]]));
      if (Object.keys(changes).length === 0) throw new AppError('empty_update');
      return db.transaction().execute(async (trx) => {
        const enterprise = await enterpriseOf(actor, enterpriseId, trx);
        const now = new Date().toISOString();
        const row: ProposalRow = {
          id: uuidv7(), enterprise_id: enterprise.id, changes: JSON.stringify(changes), note: body.note ?? '', status: 'pending',
          decided_by: null, decided_at: null, decision_comment: '', version: 1, created_at: now, updated_at: now, created_by: actor.id,
        };
        await trx.insertInto('enterprise_proposals').values(row).execute();
        await recordAudit(trx, actor, 'proposal.create', { type: 'proposal', id: row.id }, null, { enterpriseId: enterprise.id, changes, note: row.note });
        return present(actor, row, enterprise.region_code);
      });
    },

    async list(actor: Actor, enterpriseId: string) {
      const enterprise = await enterpriseOf(actor, enterpriseId);
      const rows = await db.selectFrom('enterprise_proposals').selectAll().where('enterprise_id', '=', enterprise.id).orderBy('created_at', 'desc').execute();
      return { items: rows.map((r) => present(actor, r, enterprise.region_code)) };
    },

    async decide(actor: Actor, enterpriseId: string, proposalId: string, body: DecisionBody) {
      return db.transaction().execute(async (trx) => {
        const enterprise = await enterpriseOf(actor, enterpriseId, trx);
        if (!mayEditInRegion(actor, enterprise.region_code)) throw new AppError('forbidden');
        const before = await trx.selectFrom('enterprise_proposals').selectAll().where('id', '=', proposalId).where('enterprise_id', '=', enterprise.id).executeTakeFirst();
        if (!before) throw new AppError('not_found');
        if (before.status !== 'pending') throw new AppError('proposal_decided');
        const now = new Date().toISOString();
        const after = await trx
          .updateTable('enterprise_proposals')
          .set({ status: body.accept ? 'accepted' : 'rejected', decided_by: actor.id, decided_at: now, decision_comment: body.comment ?? '', version: body.version + 1, updated_at: now })
          .where('id', '=', proposalId)
          .where('version', '=', body.version)
          .returningAll()
          .executeTakeFirst();
        if (!after) throw new AppError('stale_version');
        if (body.accept) {
          const updated = await updateEnterpriseVersioned(trx, enterprise.id, enterprise.version, enterpriseColumns(JSON.parse(before.changes)));
          if (!updated) throw new AppError('stale_version');
          await recordAudit(trx, actor, 'enterprise.update', { type: 'enterprise', id: enterprise.id }, auditedEnterprise(actor, enterprise), {
            ...auditedEnterprise(actor, updated),
            viaProposal: proposalId,
          });
        }
        await recordAudit(trx, actor, 'proposal.decide', { type: 'proposal', id: proposalId }, { status: before.status }, { status: after.status, comment: after.decision_comment });
        return present(actor, after, enterprise.region_code);
      });
    },
  };
}
export type ProposalService = ReturnType<typeof proposalService>;
