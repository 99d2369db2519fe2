import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { InspectionDocumentTable } from './inspections.table';

/** A case's documents still on its list, oldest first. */
export async function listCaseDocuments(db: Kysely<Database>, inspectionId: string) {
  return db
    .selectFrom('inspection_documents')
    .select(['id', 'name', 'size', 'uploaded_at'])
    .where('inspection_id', '=', inspectionId)
    .where('deleted_at', 'is', null)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export async function findCaseDocument(db: Kysely<Database>, inspectionId: string, id: string) {
  return db
    .selectFrom('inspection_documents')
    .selectAll()
    .where('id', '=', id)
    .where('inspection_id', '=', inspectionId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function insertCaseDocument(db: Kysely<Database>, row: Insertable<InspectionDocumentTable>): Promise<void> {
  await db.insertInto('inspection_documents').values(row).execute();
}

/** Takes a document off the list (the row and the file stay): false when it was already off. */
export async function removeCaseDocument(db: Kysely<Database>, id: string, by: string | null, reason: string): Promise<boolean> {
  const res = await db
    .updateTable('inspection_documents')
    .set({ deleted_at: new Date().toISOString(), deleted_by: by, delete_reason: reason })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
