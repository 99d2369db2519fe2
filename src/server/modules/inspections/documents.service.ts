import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { documentFile, storeDocument } from '../../lib/documents';
import type { Upload } from '../../http';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { findCaseDocument, insertCaseDocument, listCaseDocuments, removeCaseDocument } from './documents.repository';
import { caseScope } from './inspections.policy';
import { findInspection } from './inspections.repository';

const shown = (d: { id: string; name: string; size: number; uploaded_at: string }) => ({
  id: d.id,
  name: d.name,
  size: Number(d.size),
  uploadedAt: d.uploaded_at,
});

/**
 * Documents attached to a case (test report scans, the signed 抽样单): stored and checked as a
 * cultivation's are (lib/documents.ts), within the case's scope; removed only with a reason.
 */
export function caseDocumentService(ctx: AppContext) {
  const { db } = ctx;

  /** A case in the actor's scope (else 404, as if missing). */
  async function inScope(actor: Actor, id: string) {
    const row = await findInspection(db, id, caseScope(actor));
    if (!row) throw new AppError('not_found');
    return row;
  }
  async function load(actor: Actor, id: string, documentId: string) {
    await inScope(actor, id);
    const doc = await findCaseDocument(db, id, documentId);
    if (!doc) throw new AppError('not_found');
    return doc;
  }

  return {
    async list(actor: Actor, id: string) {
      await inScope(actor, id);
      return { items: (await listCaseDocuments(db, id)).map(shown) };
    },

    async add(actor: Actor, id: string, upload: Upload) {
      await inScope(actor, id);
      return storeDocument(ctx.config.dataDir, ctx.config.documentMaxBytes, uuidv7(), upload, (stored) =>
        db.transaction().execute(async (trx) => {
          const row = {
            id: stored.id,
            inspection_id: id,
            name: stored.name,
            content_type: stored.contentType,
            size: stored.size,
            sha256: stored.sha256,
            uploaded_by: actor.id,
            uploaded_at: new Date().toISOString(),
          };
          await insertCaseDocument(trx, row);
          await recordAudit(trx, actor, 'inspection.document_add', { type: 'inspection', id }, null, {
            documentId: row.id,
            name: row.name,
            size: row.size,
            sha256: row.sha256,
          });
          return shown(row);
        }),
      );
    },

    /** A document's file for download. */
    async file(actor: Actor, id: string, documentId: string) {
      const doc = await load(actor, id, documentId);
      return { file: documentFile(ctx.config.dataDir, doc.id), name: doc.name, contentType: doc.content_type };
    },

    async remove(actor: Actor, id: string, documentId: string, reason: string) {
      const doc = await load(actor, id, documentId);
      await db.transaction().execute(async (trx) => {
        if (!(await removeCaseDocument(trx, doc.id, actor.id, reason.trim()))) throw new AppError('not_found');
        await recordAudit(
          trx,
          actor,
          'inspection.document_remove',
          { type: 'inspection', id },
          { documentId: doc.id, name: doc.name },
          { reason: reason.trim() },
        );
      });
    },
  };
}
export type CaseDocumentService = ReturnType<typeof caseDocumentService>;
