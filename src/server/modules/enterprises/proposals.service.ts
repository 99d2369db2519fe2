import { PROPOSABLE_FIELDS, type DecisionBody, type ProposalBody } from '../../../contract/schemas/enterprises';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { auditedEnterprise } from './enterprises.presenter';
import { enterpriseScope, mayEditInRegion } from './enterprises.policy';
import { findEnterprise, updateEnterpriseFields } from './enterprises.repository';
import { presentProposal } from './proposals.presenter';
import { decideProposal, findProposal, insertProposal, listProposals } from './proposals.repository';

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
        const row = await insertProposal(trx, { enterpriseId: enterprise.id, changes, note: body.note ?? '', actorId: actor.id });
        await recordAudit(trx, actor, 'proposal.create', { type: 'proposal', id: row.id }, null, {
          enterpriseId: enterprise.id,
          changes,
          note: row.note,
        });
        return presentProposal(actor, row, enterprise.region_code);
      });
    },

    async list(actor: Actor, enterpriseId: string) {
      const enterprise = await enterpriseOf(actor, enterpriseId);
      const rows = await listProposals(db, enterprise.id);
      return { items: rows.map((r) => presentProposal(actor, r, enterprise.region_code)) };
    },

    async decide(actor: Actor, enterpriseId: string, proposalId: string, body: DecisionBody) {
      return db.transaction().execute(async (trx) => {
        const enterprise = await enterpriseOf(actor, enterpriseId, trx);
        if (!mayEditInRegion(actor, enterprise.region_code)) throw new AppError('forbidden');
        const before = await findProposal(trx, enterprise.id, proposalId);
        if (!before) throw new AppError('not_found');
        if (before.status !== 'pending') throw new AppError('proposal_decided');
        const after = await decideProposal(trx, proposalId, body.version, {
          accept: body.accept,
          comment: body.comment ?? '',
          actorId: actor.id,
        });
        if (!after) throw new AppError('stale_version');
        if (body.accept) {
          const updated = await updateEnterpriseFields(trx, enterprise.id, enterprise.version, JSON.parse(before.changes));
          if (!updated) throw new AppError('stale_version');
          await recordAudit(
            trx,
            actor,
            'enterprise.update',
            { type: 'enterprise', id: enterprise.id },
            auditedEnterprise(actor, enterprise),
            {
              ...auditedEnterprise(actor, updated),
              viaProposal: proposalId,
            },
          );
        }
        await recordAudit(
          trx,
          actor,
          'proposal.decide',
          { type: 'proposal', id: proposalId },
          { status: before.status },
          { status: after.status, comment: after.decision_comment },
        );
        return presentProposal(actor, after, enterprise.region_code);
      });
    },
  };
}
export type ProposalService = ReturnType<typeof proposalService>;
