import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { uuidv7 } from '../../lib/ids';
import type { ProposalTable } from './enterprises.table';

export type ProposalRow = Selectable<ProposalTable>;

/** A new pending proposal of changes to an enterprise's contact data. */
export async function insertProposal(
  db: Db,
  p: { enterpriseId: string; changes: Record<string, unknown>; note: string; actorId: string | null },
): Promise<ProposalRow> {
  const now = new Date().toISOString();
  const row: ProposalRow = {
    id: uuidv7(),
    enterprise_id: p.enterpriseId,
    changes: JSON.stringify(p.changes),
    note: p.note,
    status: 'pending',
    decided_by: null,
    decided_at: null,
    decision_comment: '',
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: p.actorId,
  };
  await db.insertInto('enterprise_proposals').values(row).execute();
  return row;
}

/** An enterprise's proposals, newest first (the enterprise is in the caller's scope). */
export async function listProposals(db: Db, enterpriseId: string): Promise<ProposalRow[]> {
  return db
    .selectFrom('enterprise_proposals')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** One proposal of this enterprise. */
export async function findProposal(db: Db, enterpriseId: string, id: string): Promise<ProposalRow | undefined> {
  return db
    .selectFrom('enterprise_proposals')
    .selectAll()
    .where('id', '=', id)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
}

/** Accepts or rejects a proposal at the version read. Undefined when stale. */
export async function decideProposal(
  db: Db,
  id: string,
  version: number,
  d: { accept: boolean; comment: string; actorId: string | null },
): Promise<ProposalRow | undefined> {
  const now = new Date().toISOString();
  return db
    .updateTable('enterprise_proposals')
    .set({
      status: d.accept ? 'accepted' : 'rejected',
      decided_by: d.actorId,
      decided_at: now,
      decision_comment: d.comment,
      version: version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
