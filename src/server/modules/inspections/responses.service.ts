import type { Static } from 'typebox';
import type { RespondBody, ResponseDecisionBody, ResponseListQuery } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { caseScope, readsResponses, respondsToResults } from './inspections.policy';
import { findInspection, type InspectionRow } from './inspections.repository';
import { presentResponse, presentResponseCase } from './responses.presenter';
import {
  decideResponse,
  findPublishedCaseOf,
  findResponse,
  insertResponse,
  listPublishedCasesOf,
  listRespondedCases,
  responsesOf,
  rewriteResponse,
} from './responses.repository';

const LIST_LIMIT = 500;

/**
 * Enterprises' responses (企业说明) to their published unqualified results: the enterprise (the
 * sampled unit or the labelled producer) writes one; an officer of the case's scope approves it
 * for the public record or returns it with a comment.
 */
export function responseService(ctx: AppContext) {
  const { db } = ctx;
  /** The enterprise's own published case, or undefined: any other case is not theirs to see. */
  const ownCase = (trx: typeof db, actor: Actor, inspectionId: string) =>
    actor.enterpriseId ? findPublishedCaseOf(trx, actor.enterpriseId, inspectionId) : Promise.resolve(undefined);

  return {
    /** An enterprise's published cases with their responses; for officers, the responses in their scope. */
    async list(actor: Actor, query: Static<typeof ResponseListQuery>) {
      let cases: InspectionRow[];
      if (respondsToResults(actor)) {
        cases = await listPublishedCasesOf(db, actor.enterpriseId ?? '-', LIST_LIMIT);
      } else if (readsResponses(actor)) {
        cases = await listRespondedCases(db, caseScope(actor), query.status, LIST_LIMIT);
      } else {
        throw new AppError('forbidden');
      }
      const byCase = await responsesOf(
        db,
        cases.map((c) => c.id),
      );
      return { items: cases.map((c) => presentResponseCase(actor, c, byCase.get(c.id))) };
    },

    /** Writes or replaces the enterprise's response; it waits for approval again. */
    async respond(actor: Actor, inspectionId: string, body: Static<typeof RespondBody>) {
      return db.transaction().execute(async (trx) => {
        const c = await ownCase(trx, actor, inspectionId);
        if (!c) throw new AppError('not_found');
        if (c.final_verdict !== 'unqualified') throw new AppError('response_not_allowed');
        const before = await findResponse(trx, c.id);
        const text = body.text.trim();
        if (before && body.version !== before.version) throw new AppError('stale_version');
        const after = before
          ? await rewriteResponse(trx, before.id, before.version, text)
          : await insertResponse(trx, { inspectionId: c.id, enterpriseId: actor.enterpriseId!, text, actorId: actor.id });
        if (!after) throw new AppError('stale_version');
        await recordAudit(
          trx,
          actor,
          'inspection.respond',
          { type: 'inspection', id: c.id },
          before ? presentResponse(before) : null,
          presentResponse(after),
        );
        return presentResponseCase(actor, c, after);
      });
    },

    /** Approves the response for the public record, or returns it with a comment. */
    async decide(actor: Actor, inspectionId: string, body: Static<typeof ResponseDecisionBody>) {
      return db.transaction().execute(async (trx) => {
        const c = await findInspection(trx, inspectionId, caseScope(actor));
        const before = c && (await findResponse(trx, c.id));
        if (!c || !before) throw new AppError('not_found');
        if (before.status !== 'submitted') throw new AppError('response_decided');
        const after = await decideResponse(trx, before.id, body.version, {
          approve: body.approve,
          comment: body.comment ?? '',
          actorId: actor.id,
        });
        if (!after) throw new AppError('stale_version');
        await recordAudit(
          trx,
          actor,
          'inspection.response_decide',
          { type: 'inspection', id: c.id },
          presentResponse(before),
          presentResponse(after),
        );
        return presentResponseCase(actor, c, after);
      });
    },
  };
}
export type ResponseService = ReturnType<typeof responseService>;
