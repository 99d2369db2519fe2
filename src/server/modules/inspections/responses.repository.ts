import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { uuidv7 } from '../../lib/ids';
import type { CaseScope, InspectionRow } from './inspections.repository';
import type { InspectionResponseTable } from './inspections.table';
import { whereInRegions } from '../../authz/region-scope';

export type ResponseRow = Selectable<InspectionResponseTable>;

/** An enterprise's published case (as the sampled unit or the labelled producer), or undefined: any other case is not theirs. */
export async function findPublishedCaseOf(db: Db, enterpriseId: string, inspectionId: string): Promise<InspectionRow | undefined> {
  return db
    .selectFrom('inspections')
    .selectAll()
    .where('id', '=', inspectionId)
    .where('published_on', 'is not', null)
    .where((eb) => eb.or([eb('sampled_enterprise_id', '=', enterpriseId), eb('producer_enterprise_id', '=', enterpriseId)]))
    .executeTakeFirst();
}

/** An enterprise's published cases, newest first. */
export async function listPublishedCasesOf(db: Db, enterpriseId: string, limit: number): Promise<InspectionRow[]> {
  return db
    .selectFrom('inspections')
    .selectAll()
    .where('published_on', 'is not', null)
    .where((eb) => eb.or([eb('sampled_enterprise_id', '=', enterpriseId), eb('producer_enterprise_id', '=', enterpriseId)]))
    .orderBy('published_on', 'desc')
    .limit(limit)
    .execute();
}

/** The cases in scope that have a response (of this status, when given), the latest changed first. */
export async function listRespondedCases(db: Db, scope: CaseScope, status: string | undefined, limit: number): Promise<InspectionRow[]> {
  let q = db.selectFrom('inspections as i').innerJoin('inspection_responses as r', 'r.inspection_id', 'i.id').selectAll('i');
  if (status) q = q.where('r.status', '=', status);
  q = whereInRegions(q, 'i.region_code', scope.regions);
  return q.orderBy('r.updated_at', 'desc').limit(limit).execute();
}

/** Case id → its response, for these cases. */
export async function responsesOf(db: Db, caseIds: readonly string[]): Promise<Map<string, ResponseRow>> {
  if (!caseIds.length) return new Map();
  const rows = await db
    .selectFrom('inspection_responses')
    .selectAll()
    .where('inspection_id', 'in', [...caseIds])
    .execute();
  return new Map(rows.map((r) => [r.inspection_id, r]));
}

export async function findResponse(db: Db, inspectionId: string): Promise<ResponseRow | undefined> {
  return db.selectFrom('inspection_responses').selectAll().where('inspection_id', '=', inspectionId).executeTakeFirst();
}

/** The enterprise's first response to a case, waiting for approval. */
export async function insertResponse(
  db: Db,
  r: { inspectionId: string; enterpriseId: string; text: string; actorId: string | null },
): Promise<ResponseRow> {
  const now = new Date().toISOString();
  const row = {
    id: uuidv7(),
    inspection_id: r.inspectionId,
    enterprise_id: r.enterpriseId,
    text: r.text,
    status: 'submitted',
    decided_by: null,
    decided_at: null,
    decision_comment: '',
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: r.actorId,
  };
  await db.insertInto('inspection_responses').values(row).execute();
  return row;
}

/** Replaces a response's text at the version read; it waits for approval again. Undefined when stale. */
export async function rewriteResponse(db: Db, id: string, version: number, text: string): Promise<ResponseRow | undefined> {
  return db
    .updateTable('inspection_responses')
    .set({
      text,
      status: 'submitted',
      decided_by: null,
      decided_at: null,
      decision_comment: '',
      version: version + 1,
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Approves or returns a response at the version read. Undefined when stale. */
export async function decideResponse(
  db: Db,
  id: string,
  version: number,
  d: { approve: boolean; comment: string; actorId: string | null },
): Promise<ResponseRow | undefined> {
  const now = new Date().toISOString();
  return db
    .updateTable('inspection_responses')
    .set({
      status: d.approve ? 'approved' : 'rejected',
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
