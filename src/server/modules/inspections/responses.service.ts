import type { Selectable } from 'kysely';
import type { Static } from 'typebox';
import { can, type Role } from '../../../contract/permissions';
import type { RespondBody, ResponseCase, ResponseDecisionBody, ResponseListQuery } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { uuidv7 } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { caseScope } from './inspections.policy';
import type { InspectionRow } from './inspections.repository';
import type { InspectionResponseTable } from './inspections.table';

type ResponseRow = Selectable<InspectionResponseTable>;
const LIST_LIMIT = 500;

function presentResponse(row: ResponseRow) {
  return { id: row.id, text: row.text, status: row.status as 'submitted', decisionComment: row.decision_comment, decidedAt: row.decided_at, version: row.version, updatedAt: row.updated_at };
}

/**
 * Enterprises' responses (企业说明) to their published unqualified results: the enterprise (the
 * sampled unit or the labelled producer) writes one; an officer of the case's scope approves it
 * for the public record or returns it with a comment.
 */
export function responseService(ctx: AppContext) {
  const { db } = ctx;
  const responds = (actor: Actor) => can(actor.role as Role, 'inspection.respond');

  function present(actor: Actor, c: InspectionRow, response: ResponseRow | undefined): Static<typeof ResponseCase> {
    return {
      inspectionId: c.id, regionCode: c.region_code, productName: c.product_name, model: c.model, batch: c.batch, sampledUnit: c.sampled_unit_name, producer: c.producer_name,
      result: c.final_verdict as 'unqualified', publishedOn: c.published_on!, response: response ? presentResponse(response) : null,
      abilities: {
        respond: responds(actor) && c.final_verdict === 'unqualified',
        decide: can(actor.role as Role, 'inspection.write') && response?.status === 'submitted',
      },
    };
  }

  /** The enterprise's own published case, or undefined: any other case is not theirs to see. */
  async function ownCase(trx: typeof db, actor: Actor, inspectionId: string) {
    if (!actor.enterpriseId) return undefined;
    const enterpriseId = actor.enterpriseId;
    return trx
      .selectFrom('inspections')
      .selectAll()
      .where('id', '=', inspectionId)
      .where('published_on', 'is not', null)
      .where((eb) => eb.or([eb('sampled_enterprise_id', '=', enterpriseId), eb('producer_enterprise_id', '=', enterpriseId)]))
      .executeTakeFirst();
  }

  return {
    /** An enterprise's published cases with their responses; for officers, the responses in their scope. */
    async list(actor: Actor, query: Static<typeof ResponseListQuery>) {
      let cases: InspectionRow[];
      if (responds(actor)) {
        const enterpriseId = actor.enterpriseId ?? '-';
        cases = await db
          .selectFrom('inspections')
          .selectAll()
          .where('published_on', 'is not', null)
          .where((eb) => eb.or([eb('sampled_enterprise_id', '=', enterpriseId), eb('producer_enterprise_id', '=', enterpriseId)]))
          .orderBy('published_on', 'desc')
          .limit(LIST_LIMIT)
          .execute();
      } else if (can(actor.role as Role, 'inspection.read')) {
        let q = db.selectFrom('inspections as i').innerJoin('inspection_responses as r', 'r.inspection_id', 'i.id').selectAll('i');
        if (query.status) q = q.where('r.status', '=', query.status);
        const scope = caseScope(actor);
        if (scope.regionCode) q = q.where('i.region_code', '=', scope.regionCode);
        cases = await q.orderBy('r.updated_at', 'desc').limit(LIST_LIMIT).execute();
      } else {
        throw new AppError('forbidden');
      }
      const ids = cases.map((c) => c.id);
      const responses = ids.length ? await db.selectFrom('inspection_responses').selectAll().where('inspection_id', 'in', ids).execute() : [];
      const byCase = new Map(responses.map((r) => [r.inspection_id, r]));
      return { items: cases.map((c) => present(actor, c, byCase.get(c.id))) };
    },

    /** Writes or replaces the enterprise's response; it waits for approval again. */
    async respond(actor: Actor, inspectionId: string, body: Static<typeof RespondBody>) {
      return db.transaction().execute(async (trx) => {
        const c = await ownCase(trx, actor, inspectionId);
        if (!c) throw new AppError('not_found');
        if (c.final_verdict !== 'unqualified') throw new AppError('response_not_allowed');
        const before = await trx.selectFrom('inspection_responses').selectAll().where('inspection_id', '=', c.id).executeTakeFirst();
        const now = new Date().toISOString();
        let after: ResponseRow | undefined;
        if (before) {
          if (body.version !== before.version) throw new AppError('stale_version');
          after = await trx
            .updateTable('inspection_responses')
            .set({ text: body.text.trim(), status: 'submitted', decided_by: null, decided_at: null, decision_comment: '', version: before.version + 1, updated_at: now })
            .where('id', '=', before.id)
            .where('version', '=', before.version)
            .returningAll()
            .executeTakeFirst();
          if (!after) throw new AppError('stale_version');
        } else {
          after = { id: uuidv7(), inspection_id: c.id, enterprise_id: actor.enterpriseId!, text: body.text.trim(), status: 'submitted', decided_by: null, decided_at: null, decision_comment: '', version: 1, created_at: now, updated_at: now, created_by: actor.id };
          await trx.insertInto('inspection_responses').values(after).execute();
        }
        await recordAudit(trx, actor, 'inspection.respond', { type: 'inspection', id: c.id }, before ? presentResponse(before) : null, presentResponse(after));
        return present(actor, c, after);
      });
    },

    /** Approves the response for the public record, or returns it with a comment. */
    async decide(actor: Actor, inspectionId: string, body: Static<typeof ResponseDecisionBody>) {
      return db.transaction().execute(async (trx) => {
        let q = trx.selectFrom('inspections').selectAll().where('id', '=', inspectionId);
        const scope = caseScope(actor);
        if (scope.regionCode) q = q.where('region_code', '=', scope.regionCode);
        const c = await q.executeTakeFirst();
        const before = c && (await trx.selectFrom('inspection_responses').selectAll().where('inspection_id', '=', c.id).executeTakeFirst());
        if (!c || !before) throw new AppError('not_found');
        if (before.status !== 'submitted') throw new AppError('response_decided');
        const now = new Date().toISOString();
        const after = await trx
          .updateTable('inspection_responses')
          .set({ status: body.approve ? 'approved' : 'rejected', decided_by: actor.id, decided_at: now, decision_comment: body.comment ?? '', version: body.version + 1, updated_at: now })
          .where('id', '=', before.id)
          .where('version', '=', body.version)
          .returningAll()
          .executeTakeFirst();
        if (!after) throw new AppError('stale_version');
        await recordAudit(trx, actor, 'inspection.response_decide', { type: 'inspection', id: c.id }, presentResponse(before), presentResponse(after));
        return present(actor, c, after);
      });
    },
  };
}
export type ResponseService = ReturnType<typeof responseService>;
